import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosableAwsGateway } from '../../src/aws';
import { buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import { nativeService, REGION, type NativeWorld, type Sim } from '../sim/native-helpers';

// What the native strategies need from the gateway's mappers (src/aws/sdk): the target
// groups a revision resolved to, Lambda hook details kept through a read and a re-send, and a
// hook timeout given only as an action.

let sim: Sim;
let gw: ClosableAwsGateway;
let w: NativeWorld;

beforeEach(async () => {
  sim = await startTestSim();
  w = nativeService(sim, {
    config: {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 1,
      lifecycleHooks: [
        {
          targetType: 'AWS_LAMBDA',
          hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke',
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          hookDetails: { path: '/health', expect: 200 },
        },
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_SCALE_UP'],
          timeoutConfiguration: { action: 'CONTINUE' },
        },
      ],
    },
  });
  gw = await simGateway(sim);
});
afterEach(async () => {
  gw.close();
  await sim.close();
});

describe('gateway mappers for ECS-native deployments', () => {
  it('reads hook details and an action-only timeout, and sends them back unchanged', async () => {
    const { services } = await gw.ecs.describeServices('prod', ['web']);
    const hooks = services[0]!.deploymentConfiguration.lifecycleHooks;
    expect(hooks[0]!.hookDetails).toEqual({ path: '/health', expect: 200 });
    expect(hooks[1]!.timeout).toEqual({ timeoutInMinutes: 1440, action: 'CONTINUE' });
    await gw.ecs.updateService({
      cluster: 'prod',
      service: 'web',
      deploymentConfiguration: { lifecycleHooks: hooks },
    });
    const stored = w.service.deploymentConfiguration.lifecycleHooks!;
    expect(stored[0]!.hookDetails).toEqual({ path: '/health', expect: 200 });
  });

  it('names the target group a green revision registered in (resolvedConfiguration)', async () => {
    const td = buildTaskDefinition(sim.world, REGION, { family: 'web', image: 'nginx:1.26' });
    const updated = await gw.ecs.updateService({
      cluster: 'prod',
      service: 'web',
      taskDefinition: td.arn,
    });
    const [sd] = await gw.ecs.describeServiceDeployments([updated.currentServiceDeploymentArn!]);
    const [green] = await gw.ecs.describeServiceRevisions([sd!.targetServiceRevisionArn!]);
    expect(green!.resolvedTargetGroupArns).toEqual([w.greenTg]);
    expect(green!.loadBalancers[0]!.targetGroupArn).toBe(w.blueTg);
  });
});
