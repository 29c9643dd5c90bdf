import { fixedResponseAction, forwardAction, oidcAction } from '../../services/elbv2/builder';
import {
  createListener,
  createLoadBalancer,
  createRule,
  elbState,
} from '../../services/elbv2/model';
import type { ActionRec, ConditionRec, WeightedTargetGroup } from '../../services/elbv2/state';
import { createTargetGroup } from '../../services/elbv2/target-groups';
import { registerTarget } from '../../services/elbv2/targets';
import type { ServiceRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import { DAY } from './calendar';

// Load balancers as a platform team sets them up: per cluster one internet-facing ALB, HTTP 80
// redirecting to HTTPS 443, a rule per service on 443, and an optional HTTPS 8443 listener for
// blue/green test traffic. Target groups check every 10 s, turn healthy after 2 passes and
// drain for 30 s, so rollouts at demo speed finish quickly.

export interface ClusterAlb {
  region: string;
  loadBalancerArn: string;
  httpListenerArn: string;
  httpsListenerArn: string;
  testListenerArn?: string;
  /** The next free rule priority on the HTTPS listener (steps of 10, room to insert). */
  nextPriority(): number;
}

export const OIDC = { issuer: 'https://auth.example.com', clientId: 'shop-internal-tools' };

const REDIRECT_TO_HTTPS: ActionRec = {
  type: 'redirect',
  config: {
    Protocol: 'HTTPS',
    Port: '443',
    Host: '#{host}',
    Path: '/#{path}',
    Query: '#{query}',
    StatusCode: 'HTTP_301',
  },
};

export function buildClusterAlb(
  world: World,
  region: string,
  name: string,
  opts: { scheme?: 'internet-facing' | 'internal'; testListener?: boolean } = {},
): ClusterAlb {
  const lb = createLoadBalancer(world, region, { name, scheme: opts.scheme ?? 'internet-facing' });
  lb.createdAt = world.now - 400 * DAY;
  const certificate = `arn:aws:acm:${region}:${world.accountId}:certificate/${world.rng.uuid()}`;
  const http = createListener(world, region, {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultActions: [REDIRECT_TO_HTTPS],
  });
  const https = createListener(world, region, {
    loadBalancerArn: lb.arn,
    port: 443,
    protocol: 'HTTPS',
    certificateArns: [certificate],
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    defaultActions: [fixedResponseAction('404')],
  });
  const test = opts.testListener
    ? createListener(world, region, {
        loadBalancerArn: lb.arn,
        port: 8443,
        protocol: 'HTTPS',
        certificateArns: [certificate],
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        defaultActions: [fixedResponseAction('404')],
      })
    : undefined;
  let priority = 0;
  return {
    region,
    loadBalancerArn: lb.arn,
    httpListenerArn: http.arn,
    httpsListenerArn: https.arn,
    ...(test ? { testListenerArn: test.arn } : {}),
    nextPriority: () => (priority += 10),
  };
}

/** A target group with the demo's quick health checks; the name is made unique if taken. */
export function demoTargetGroup(world: World, region: string, name: string, port = 8080): string {
  const taken = elbState(world, region).tgByName;
  let unique = name.slice(0, 32).replace(/-+$/, '');
  for (let n = 2; taken.has(unique); n++) {
    unique = `${name.slice(0, 32 - String(n).length - 1).replace(/-+$/, '')}-${n}`;
  }
  const tg = createTargetGroup(world, region, {
    name: unique,
    port,
    healthCheck: {
      path: '/health',
      intervalSeconds: 10,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    },
    deregistrationDelaySeconds: 30,
  });
  tg.createdAt = world.now - 300 * DAY;
  return tg.arn;
}

export const pathIs = (pattern: string): ConditionRec => ({
  Field: 'path-pattern',
  Values: [pattern],
  PathPatternConfig: { Values: [pattern] },
});

export const hostIs = (host: string): ConditionRec => ({
  Field: 'host-header',
  Values: [host],
  HostHeaderConfig: { Values: [host] },
});

export const headerIs = (name: string, value: string): ConditionRec => ({
  Field: 'http-header',
  HttpHeaderConfig: { HttpHeaderName: name, Values: [value] },
});

export interface RuleSpec {
  /** Default: the HTTPS listener. */
  listenerArn?: string;
  /** Default: the listener's next free priority. */
  priority?: number;
  conditions: ConditionRec[];
  targetGroups: string | readonly WeightedTargetGroup[];
  /** Put authenticate-oidc (Order 1) in front of the forward (Order 2). */
  oidc?: boolean;
}

export function addRule(world: World, alb: ClusterAlb, spec: RuleSpec): string {
  const actions = spec.oidc
    ? [oidcAction(OIDC, 1), forwardAction(spec.targetGroups, { order: 2 })]
    : [forwardAction(spec.targetGroups)];
  return createRule(world, alb.region, {
    listenerArn: spec.listenerArn ?? alb.httpsListenerArn,
    priority: spec.priority ?? alb.nextPriority(),
    conditions: spec.conditions,
    actions,
  }).arn;
}

/** Blue at 100, green at 0: a rule ready for a weighted rollout. */
export function weighted(blue: string, green: string, greenWeight = 0): WeightedTargetGroup[] {
  return [
    { targetGroupArn: blue, weight: 100 - greenWeight },
    { targetGroupArn: green, weight: greenWeight },
  ];
}

/**
 * Registers every RUNNING task of the service as a healthy target of the target groups it
 * runs behind (the task set's for CODE_DEPLOY and EXTERNAL services), as ECS had done.
 */
export function registerServiceTargets(world: World, region: string, service: ServiceRec): void {
  for (const task of service.tasks.values()) {
    if (task.lastStatus !== 'RUNNING') continue;
    const lbs =
      service.taskSets.length > 0
        ? (service.taskSets.find((s) => s.id === task.ownerId)?.loadBalancers ?? [])
        : service.loadBalancers;
    for (const lb of lbs) {
      if (!lb.targetGroupArn || lb.containerPort === undefined) continue;
      registerTarget(
        world,
        region,
        lb.targetGroupArn,
        { id: task.privateIp, port: lb.containerPort, availabilityZone: task.availabilityZone },
        undefined,
        { initiallyHealthy: true },
      );
    }
  }
}
