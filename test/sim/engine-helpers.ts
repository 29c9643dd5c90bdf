import { DescribeServicesCommand, ECSClient, type Service } from '@aws-sdk/client-ecs';
import { enginesOf } from '../../src/sim/engines';
import { buildAlb, buildServiceRouting } from '../../src/sim/services/elbv2/builder';
import { buildService, type ServiceSpec } from '../../src/sim/services/ecs/builder';
import type { ServiceRec } from '../../src/sim/services/ecs/types';
import { sdkConfig, type startTestSim } from '../helpers/sim';

export type Sim = Awaited<ReturnType<typeof startTestSim>>;
export const REGION = 'us-east-1';
export const S = 1000;

export interface RoutedService {
  service: ServiceRec;
  targetGroupArn: string;
  ruleArn: string;
  listenerArn: string;
  loadBalancerArn: string;
}

/** An ALB rule forwarding to one target group, and a steady service behind it. */
export function routedService(
  sim: Sim,
  spec: Partial<ServiceSpec> & { name: string },
  routing: { deregistrationDelaySeconds?: number; intervalSeconds?: number } = {},
): RoutedService {
  const alb = buildAlb(sim.world, { name: `${spec.name}-alb` });
  const { targetGroupArns, ruleArn } = buildServiceRouting(sim.world, {
    listenerArn: alb.httpListenerArn,
    serviceName: spec.name,
    priority: 1,
    deregistrationDelaySeconds: routing.deregistrationDelaySeconds ?? 30,
    ...(routing.intervalSeconds
      ? { healthCheck: { intervalSeconds: routing.intervalSeconds } }
      : {}),
  });
  const targetGroupArn = targetGroupArns[0]!;
  const service = buildService(sim.world, REGION, {
    cluster: 'prod',
    image: 'nginx:1.25',
    ...spec,
    loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
  });
  // as startSimulator does for a scenario: the steady tasks sit behind the target group
  enginesOf(sim.world)!.adoptScenario();
  return {
    service,
    targetGroupArn,
    ruleArn,
    listenerArn: alb.httpListenerArn,
    loadBalancerArn: alb.loadBalancerArn,
  };
}

export function ecsClient(sim: Sim): ECSClient {
  return new ECSClient(sdkConfig(sim));
}

export async function describe1(
  ecs: ECSClient,
  service: string,
  cluster = 'prod',
): Promise<Service> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  return out.services![0]!;
}

/** Advances in steps until `done` holds; fails after `maxMs` of simulated time. */
export function advanceUntil(sim: Sim, done: () => boolean, maxMs: number, stepMs = S): number {
  const start = sim.world.now;
  while (!done()) {
    if (sim.world.now - start > maxMs) {
      throw new Error(`condition not met within ${maxMs / S} s of simulated time`);
    }
    sim.advance(stepMs);
  }
  return sim.world.now - start;
}

/** Service events oldest first, from the records (no API round trip). */
export function messages(service: ServiceRec, since = 0): string[] {
  return service.events
    .filter((e) => e.createdAt >= since)
    .map((e) => e.message)
    .reverse();
}
