import { ContinueServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsCli, awsCliPath, startTestSim } from '../helpers/sim';
import { advanceUntil } from './engine-helpers';
import { deploy, ecsClientOf, MIN, nativeService, REGION, type Sim } from './native-helpers';

// The real AWS CLI (botocore parses the replies against its own model) reading the production
// rule of an ECS-native canary with `elbv2 describe-rules`: the canary split, all of it on
// green after the last step, and back on blue after a rollback through a pause hook.

const AWS = awsCliPath();

let sim: Sim;
let ecs: ReturnType<typeof ecsClientOf>;

beforeEach(async () => {
  sim = await startTestSim();
  ecs = ecsClientOf(sim);
});
afterEach(async () => {
  ecs.destroy();
  await sim.close();
});

interface RulesOut {
  Rules: {
    Actions: {
      Type: string;
      ForwardConfig?: { TargetGroups: { TargetGroupArn: string; Weight: number }[] };
    }[];
  }[];
}

async function productionWeights(
  rule: string,
): Promise<{ TargetGroupArn: string; Weight: number }[]> {
  const out = (await awsCli(sim, 'elbv2', 'describe-rules', '--rule-arns', rule)) as RulesOut;
  return out.Rules[0]!.Actions.find((a) => a.Type === 'forward')!.ForwardConfig!.TargetGroups;
}

describe.skipIf(!AWS)('AWS CLI on an ECS-native canary', () => {
  it('describe-rules shows the weights ECS set at each step and after a rollback', async () => {
    const w = nativeService(sim, {
      config: {
        strategy: 'CANARY',
        bakeTimeInMinutes: 0,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
        lifecycleHooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
            timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' },
          },
        ],
      },
    });
    const arn = await deploy(ecs, sim, 'nginx:1.26');
    const sd = sim.world.region(REGION).ecs.serviceDeployments.get(arn)!;
    const target = sd.targetRevisionArn;
    advanceUntil(sim, () => sd.trafficWeights?.get(target)?.production === 10, 10 * MIN);
    expect(await productionWeights(w.productionRule)).toEqual([
      { TargetGroupArn: w.blueTg, Weight: 90 },
      { TargetGroupArn: w.greenTg, Weight: 10 },
    ]);

    // a pause after production moved: describe-rules shows green with all of it
    advanceUntil(sim, () => sd.lifecycleHooks.length > 0, 10 * MIN);
    expect(sd.lifecycleStage).toBe('POST_PRODUCTION_TRAFFIC_SHIFT');
    expect(await productionWeights(w.productionRule)).toEqual([
      { TargetGroupArn: w.blueTg, Weight: 0 },
      { TargetGroupArn: w.greenTg, Weight: 100 },
    ]);
    // Debian's AWS CLI v2.9 predates the service-deployment commands: continue with the SDK
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: sd.lifecycleHooks[0]!.hookId,
        action: 'ROLLBACK',
      }),
    );
    advanceUntil(sim, () => sd.status === 'ROLLBACK_SUCCESSFUL', 10 * MIN);
    expect(await productionWeights(w.productionRule)).toEqual([
      { TargetGroupArn: w.blueTg, Weight: 100 },
      { TargetGroupArn: w.greenTg, Weight: 0 },
    ]);
  });
});
