import { describe, expect, it } from 'vitest';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { ServiceDetailStore } from '../../src/state/stores/service-detail';
import { startSimHub } from './sim-hub';

/** Calls made while watching a service mid-rollout for one minute, per operation. */
async function watchOneMinute(previousDeployments: number) {
  const { sim, gateway, time, hub } = await startSimHub();
  const previousImages = Array.from({ length: previousDeployments }, (_, i) => `api:v${i}`);
  buildService(sim.world, 'us-east-1', {
    cluster: 'prod',
    name: 'api',
    image: 'api:current',
    previousImages,
  });
  const next = buildTaskDefinition(sim.world, 'us-east-1', { family: 'api', image: 'api:next' });
  await gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: next.arn });

  const detail = new ServiceDetailStore(hub, {
    cluster: 'prod',
    service: 'api',
    tab: 'deployments',
  });
  const idle = () => Promise.all([detail.service.whenIdle(), detail.history.whenIdle()]);
  detail.start();
  await idle();
  await idle(); // the service said "rolling out": the history switched to its fast interval
  gateway.calls.reset();
  for (let second = 0; second < 60; second++) {
    time.advance(1000);
    await idle();
  }
  const history = detail.history.getSnapshot().data!;
  detail.dispose();
  return { calls: gateway.calls.snapshot(), deployments: history.deployments.length };
}

describe('a rollout tick costs a constant number of calls, whatever the history', () => {
  it('the same calls per minute with 3 deployments in the history as with 41', async () => {
    const short = await watchOneMinute(1);
    const long = await watchOneMinute(39);
    expect(short.deployments).toBe(3);
    expect(long.deployments).toBe(20); // the newest page only
    const expected = {
      // service every 2 s, history every 5 s: list + re-describe of the one in progress
      'ecs:DescribeServices': 30,
      'ecs:ListServiceDeployments': 12,
      'ecs:DescribeServiceDeployments': 12,
    };
    expect(short.calls).toEqual(expected);
    expect(long.calls).toEqual(expected);
  });
});
