import {
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { codeDeployState } from '../../src/sim/services/codedeploy/model';
import type { DeploymentRec } from '../../src/sim/services/codedeploy/state';
import { getForwardWeights } from '../../src/sim/services/elbv2/weights';
import {
  advanceUntil,
  buildCodeDeployWorld,
  type CodeDeployWorld,
  type CodeDeployWorldOptions,
} from '../helpers/codedeploy-world';
import { sdkConfig, startTestSim } from '../helpers/sim';

const R = 'us-east-1';
let sim: RunningSimulator;
let cd: CodeDeployClient;
let ecs: ECSClient;

async function setup(opts: CodeDeployWorldOptions = {}): Promise<CodeDeployWorld> {
  sim = await startTestSim();
  cd = new CodeDeployClient(sdkConfig(sim));
  ecs = new ECSClient(sdkConfig(sim));
  return buildCodeDeployWorld(sim.world, opts);
}

afterEach(async () => {
  cd?.destroy();
  ecs?.destroy();
  await sim?.close();
});

async function deploy(w: CodeDeployWorld, configName?: string): Promise<DeploymentRec> {
  const { deploymentId } = await cd.send(
    new CreateDeploymentCommand({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      ...(configName ? { deploymentConfigName: configName } : {}),
      revision: {
        revisionType: 'AppSpecContent',
        appSpecContent: { content: w.appSpec(w.revision('v2')) },
      },
    }),
  );
  return codeDeployState(sim.world, R).deployments.get(deploymentId!)!;
}

/** Green's share of production traffic, read from the listener as a load balancer would. */
function greenWeight(w: CodeDeployWorld): number {
  const weights = getForwardWeights(sim.world, R, w.prodListener);
  const total = weights.reduce((s, g) => s + g.weight, 0);
  const green = weights.find((g) => g.targetGroupArn === w.greenTg)?.weight ?? 0;
  return total === 0 ? 0 : Math.round((green / total) * 100);
}

const event = (d: DeploymentRec, name: string) =>
  d.target.lifecycleEvents.find((e) => e.name === name)!;

describe('CodeDeploy engine: a healthy all-at-once deployment', () => {
  it('creates green on the other target group, tests it, moves traffic, and retires blue after the wait', async () => {
    const w = await setup();
    const d = await deploy(w);
    expect(d.status).toBe('Created');
    sim.advance(1000);
    expect(d.status).toBe('InProgress');

    advanceUntil(sim, () => event(d, 'Install').status === 'Succeeded', { what: 'Install' });
    const { services } = await ecs.send(
      new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }),
    );
    const sets = services![0]!.taskSets!;
    const green = sets.find((s) => s.externalId === d.id)!;
    expect(green).toMatchObject({
      status: 'ACTIVE',
      startedBy: 'CODE_DEPLOY',
      scale: { value: 100, unit: 'PERCENT' },
      computedDesiredCount: 2,
      runningCount: 2,
      stabilityStatus: 'STEADY_STATE',
    });
    expect(green.loadBalancers![0]!.targetGroupArn).toBe(w.greenTg);
    expect(sets.find((s) => s.id !== green.id)!.status).toBe('PRIMARY');
    // green took no production traffic yet, and its targets are healthy
    expect(greenWeight(w)).toBe(0);

    advanceUntil(sim, () => event(d, 'AllowTestTraffic').status === 'Succeeded');
    expect(getForwardWeights(sim.world, R, w.testListener!)).toEqual([
      { targetGroupArn: w.greenTg, weight: 1 },
    ]);

    advanceUntil(sim, () => event(d, 'AfterAllowTraffic').status === 'Succeeded');
    expect(greenWeight(w)).toBe(100);
    expect(d.instanceTerminationWaitTimeStarted).toBe(true);
    expect(d.status).toBe('InProgress');
    const target = (
      await cd.send(new GetDeploymentTargetCommand({ deploymentId: d.id, targetId: 'prod:web' }))
    ).deploymentTarget!.ecsTarget!;
    expect(target.taskSetsInfo!.map((s) => [s.taskSetLabel, s.status, s.trafficWeight])).toEqual([
      ['Blue', 'ACTIVE', 0],
      ['Green', 'PRIMARY', 100],
    ]);
    expect(target.taskSetsInfo![1]!.identifer).toBe(green.id);

    // the group's termination wait is 5 minutes
    const waited = advanceUntil(sim, () => d.status === 'Succeeded');
    expect(waited).toBeGreaterThanOrEqual(4 * 60_000);
    expect(waited).toBeLessThanOrEqual(5 * 60_000);
    const info = (await cd.send(new GetDeploymentCommand({ deploymentId: d.id }))).deploymentInfo!;
    expect(info.status).toBe('Succeeded');
    expect(info.revision?.appSpecContent?.content).toBeUndefined();
    expect(d.target.lifecycleEvents.map((e) => e.status)).toEqual(Array(8).fill('Succeeded'));
    // events ran in order, each after the one before
    const times = d.target.lifecycleEvents.flatMap((e) => [e.startedAt!, e.endedAt!]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    advanceUntil(
      sim,
      () =>
        sim.world.region(R).ecs.clusters.get('prod')!.services.get('web')!.taskSets.length === 1,
      { what: 'blue removed' },
    );
    const after = (
      await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['web'] }))
    ).services![0]!;
    expect(after.taskSets!.map((s) => [s.id, s.status])).toEqual([[green.id, 'PRIMARY']]);
    expect(after.taskDefinition).toBe(green.taskDefinition);
  });
});

describe('CodeDeploy engine: production traffic over time for each deployment config', () => {
  const cases: [string, [number, number][]][] = [
    ['CodeDeployDefault.ECSAllAtOnce', [[0, 100]]],
    [
      'CodeDeployDefault.ECSCanary10Percent5Minutes',
      [
        [0, 10],
        [5, 100],
      ],
    ],
    [
      'CodeDeployDefault.ECSCanary10Percent15Minutes',
      [
        [0, 10],
        [15, 100],
      ],
    ],
    [
      'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p, i) => [i, p] as [number, number]),
    ],
    [
      'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p, i) => [i * 3, p] as [number, number]),
    ],
  ];
  it.each(cases)('%s', async (configName, expected) => {
    const w = await setup();
    const d = await deploy(w, configName);
    advanceUntil(sim, () => event(d, 'AllowTraffic').status === 'InProgress', {
      what: 'AllowTraffic',
    });
    const start = sim.world.now;
    const seen: [number, number][] = [[0, greenWeight(w)]];
    const weightsInTarget: number[] = [
      d.target.taskSets.find((s) => s.label === 'Green')!.trafficWeight,
    ];
    advanceUntil(
      sim,
      () => {
        const g = greenWeight(w);
        if (g !== seen[seen.length - 1]![1]) {
          seen.push([(sim.world.now - start) / 60_000, g]);
          weightsInTarget.push(d.target.taskSets.find((s) => s.label === 'Green')!.trafficWeight);
        }
        return event(d, 'AllowTraffic').status === 'Succeeded';
      },
      { what: 'AllowTraffic done' },
    );
    expect(seen).toEqual(expected);
    // the deployment target reports the same weights as the listener
    expect(weightsInTarget).toEqual(expected.map(([, p]) => p));
    expect(d.target.taskSets.find((s) => s.label === 'Blue')!.trafficWeight).toBe(0);
  });
});
