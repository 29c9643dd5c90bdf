import { buildTargetGroupAlarm } from '../../services/cloudwatch/builder';
import type { DeploymentConfiguration, ServiceRec } from '../../services/ecs/types';
import { randomFrom } from '../../services/ecs/rand';
import {
  envOf,
  familyName,
  groupName,
  planReleases,
  sized,
  teamTags,
  type ClusterCtx,
} from './context';
import { MINUTE } from './calendar';
import { buildServiceHistory } from './history';
import {
  addRule,
  demoTargetGroup,
  pathIs,
  registerServiceTargets,
  weighted,
} from './load-balancers';
import { appProfile } from './task-definitions';

// The rolling services of a demo cluster: `api` behind the ALB with breaker, rollback and a 5xx
// alarm; `worker` with no load balancer; the `orders` / `orders-canary` ALB canary pair; and
// `legacy-cron`, scaled to zero and left alone for months.

const BREAKER: DeploymentConfiguration['deploymentCircuitBreaker'] = {
  enable: true,
  rollback: true,
};

export function buildApi(ctx: ClusterCtx): ServiceRec {
  const { world, region, alb } = ctx;
  const profile = appProfile(world, region, {
    family: familyName(ctx, 'api'),
    container: 'api',
    port: 8080,
    cpu: 1024,
    memory: 2048,
    env: envOf(ctx),
    logRouter: true,
    environment: {
      JWT_SIGNING_KEY: randomFrom(
        world.rng,
        43,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      ),
      STRIPE_SECRET_KEY: `sk_live_${randomFrom(world.rng, 24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      UPSTREAM_SEARCH_URL: 'http://search.internal:8080',
    },
  });
  const tg = demoTargetGroup(world, region, groupName(ctx, 'api'));
  addRule(world, alb, { conditions: [pathIs('/api/*')], targetGroups: tg });
  const alarm = buildTargetGroupAlarm(world, {
    region,
    name: `${ctx.cluster.name}-api-5xx`,
    targetGroupArn: tg,
    loadBalancerArn: alb.loadBalancerArn,
    threshold: 10,
    initialState: 'OK',
  });
  const plan = planReleases(ctx, 'api', profile);
  const service = buildServiceHistory(world, region, {
    cluster: ctx.cluster,
    name: 'api',
    desiredCount: sized(ctx, 4),
    releases: plan.releases,
    deploymentConfiguration: {
      strategy: 'ROLLING',
      deploymentCircuitBreaker: BREAKER,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      alarms: { alarmNames: [alarm], enable: true, rollback: true },
    },
    loadBalancers: [{ targetGroupArn: tg, containerName: 'api', containerPort: 8080 }],
    tags: teamTags(ctx, 'core'),
    createdBy: ctx.people[0]!,
  });
  registerServiceTargets(world, region, service);
  return service;
}

export function buildWorker(ctx: ClusterCtx): ServiceRec {
  const { world, region } = ctx;
  const profile = appProfile(world, region, {
    family: familyName(ctx, 'worker'),
    container: 'worker',
    cpu: 512,
    memory: 1024,
    env: envOf(ctx),
    command: ['node', 'dist/worker.js', '--queues=default,mailers,exports'],
    environment: {
      QUEUE_URL: `https://sqs.${region}.amazonaws.com/${world.accountId}/${ctx.cluster.name}-jobs`,
    },
  });
  return buildServiceHistory(world, region, {
    cluster: ctx.cluster,
    name: 'worker',
    desiredCount: sized(ctx, 2),
    releases: planReleases(ctx, 'worker', profile).releases,
    deploymentConfiguration: {
      strategy: 'ROLLING',
      deploymentCircuitBreaker: BREAKER,
      maximumPercent: 200,
      minimumHealthyPercent: 50,
    },
    tags: teamTags(ctx, 'core'),
    createdBy: ctx.people[0]!,
  });
}

/**
 * Two rolling services that share one definition family and one `/orders/*` rule: stable
 * `orders` at weight 100, `orders-canary` at 0. The canary gets each release first; the
 * stable service follows 35-50 minutes later, once it looked good. The rule sits behind authenticate-oidc, so a
 * weight change has to carry that action along.
 */
export function buildOrdersPair(ctx: ClusterCtx): {
  stable: ServiceRec;
  canary: ServiceRec;
  ruleArn: string;
} {
  const { world, region, alb } = ctx;
  const profile = appProfile(world, region, {
    family: familyName(ctx, 'orders'),
    container: 'orders',
    port: 8080,
    env: envOf(ctx),
  });
  const stableTg = demoTargetGroup(world, region, groupName(ctx, 'orders'));
  const canaryTg = demoTargetGroup(world, region, groupName(ctx, 'orders-canary'));
  const ruleArn = addRule(world, alb, {
    conditions: [pathIs('/orders/*')],
    targetGroups: weighted(stableTg, canaryTg, 0),
    oidc: true,
  });
  const plan = planReleases(ctx, 'orders', profile);
  const common = {
    cluster: ctx.cluster,
    deploymentConfiguration: {
      strategy: 'ROLLING' as const,
      deploymentCircuitBreaker: BREAKER,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    tags: teamTags(ctx, 'commerce'),
    createdBy: ctx.people[1]!,
  };
  const canary = buildServiceHistory(world, region, {
    ...common,
    name: 'orders-canary',
    desiredCount: 1,
    releases: plan.releases,
    loadBalancers: [{ targetGroupArn: canaryTg, containerName: 'orders', containerPort: 8080 }],
  });
  const stable = buildServiceHistory(world, region, {
    ...common,
    name: 'orders',
    desiredCount: sized(ctx, 3),
    releases: plan.releases.map((r) => ({ ...r, at: r.at + world.rng.int(35, 50) * MINUTE })),
    loadBalancers: [{ targetGroupArn: stableTg, containerName: 'orders', containerPort: 8080 }],
  });
  registerServiceTargets(world, region, canary);
  registerServiceTargets(world, region, stable);
  return { stable, canary, ruleArn };
}

/** A nightly job nobody has touched in months: desired 0, no breaker, no load balancer. */
export function buildLegacyCron(ctx: ClusterCtx): ServiceRec {
  const { world, region } = ctx;
  const profile = appProfile(world, region, {
    family: familyName(ctx, 'legacy-cron'),
    container: 'legacy-cron',
    cpu: 256,
    memory: 512,
    env: envOf(ctx),
    command: ['python', '-m', 'cron.nightly_reconcile'],
  });
  return buildServiceHistory(world, region, {
    cluster: ctx.cluster,
    name: 'legacy-cron',
    desiredCount: 0,
    releases: planReleases(ctx, 'legacy-cron', profile).releases,
    tags: teamTags(ctx, 'finance'),
    createdBy: ctx.people[7] ?? ctx.people[0]!,
  });
}
