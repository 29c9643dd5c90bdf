import type { DeploymentConfiguration, LoadBalancer, ServiceRec } from '../../services/ecs/types';
import type { ConditionRec } from '../../services/elbv2/state';
import {
  envOf,
  familyName,
  groupName,
  planReleases,
  sized,
  teamTags,
  type ClusterCtx,
} from './context';
import { buildServiceHistory } from './history';
import {
  addRule,
  demoTargetGroup,
  headerIs,
  hostIs,
  pathIs,
  registerServiceTargets,
  weighted,
} from './load-balancers';
import { appProfile } from './task-definitions';

// The ECS-native blue/green family (aws-semantics C): `web` (BLUE_GREEN with a PAUSE hook after
// test traffic), `checkout` (CANARY 10 % for 2 min) and `search` (LINEAR 25 % a minute). Each
// has a blue and a green target group behind one production rule weighted 100/0, and the
// infrastructure role ECS uses to move those weights. Test traffic reaches green through the
// 8443 test listener (web), a header rule (checkout), or not at all (search).

export type TestRoute = 'listener' | 'header' | 'none';

interface NativeSpec {
  name: string;
  team: string;
  desired: number;
  conditions: ConditionRec[];
  test: TestRoute;
  config: DeploymentConfiguration;
  /** Register revisions by digest, as ecs-rollout does, rather than by tag. */
  pinned?: boolean;
}

/** The site's host name in this environment. */
export function siteHost(ctx: ClusterCtx): string {
  switch (ctx.stage) {
    case 'production':
      return 'www.example-shop.com';
    case 'staging':
      return 'www.staging.example-shop.com';
    case 'production-eu':
      return 'eu.example-shop.com';
  }
}

function buildNative(ctx: ClusterCtx, spec: NativeSpec): ServiceRec {
  const { world, region, alb } = ctx;
  const blue = demoTargetGroup(world, region, `${groupName(ctx, spec.name)}-blue`);
  const green = demoTargetGroup(world, region, `${groupName(ctx, spec.name)}-green`);
  let testRule: string | undefined;
  // a header rule must win over the production rule, so it takes the lower priority first
  if (spec.test === 'header') {
    testRule = addRule(world, alb, {
      conditions: [...spec.conditions, headerIs('X-Test-Traffic', 'green')],
      targetGroups: weighted(blue, green, 0),
    });
  }
  const productionRule = addRule(world, alb, {
    conditions: spec.conditions,
    targetGroups: weighted(blue, green, 0),
  });
  if (spec.test === 'listener' && alb.testListenerArn) {
    testRule = addRule(world, alb, {
      listenerArn: alb.testListenerArn,
      conditions: spec.conditions,
      targetGroups: weighted(blue, green, 0),
    });
  }
  const lb: LoadBalancer = {
    targetGroupArn: blue,
    containerName: spec.name,
    containerPort: 8080,
    advancedConfiguration: {
      alternateTargetGroupArn: green,
      productionListenerRule: productionRule,
      ...(testRule ? { testListenerRule: testRule } : {}),
      roleArn: `arn:aws:iam::${world.accountId}:role/ecsInfrastructureRoleForLoadBalancers`,
    },
  };
  const profile = appProfile(world, region, {
    family: familyName(ctx, spec.name),
    container: spec.name,
    port: 8080,
    env: envOf(ctx),
  });
  const service = buildServiceHistory(world, region, {
    cluster: ctx.cluster,
    name: spec.name,
    desiredCount: sized(ctx, spec.desired),
    releases: planReleases(ctx, spec.name, profile, { pinned: spec.pinned === true }).releases,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      ...spec.config,
    },
    loadBalancers: [lb],
    tags: teamTags(ctx, spec.team),
    createdBy: ctx.people[1]!,
  });
  registerServiceTargets(world, region, service);
  return service;
}

export function buildWeb(ctx: ClusterCtx): ServiceRec {
  return buildNative(ctx, {
    name: 'web',
    team: 'storefront',
    desired: 4,
    conditions: [hostIs(siteHost(ctx))],
    test: 'listener',
    config: {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 3,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
        },
      ],
    },
  });
}

export function buildCheckout(ctx: ClusterCtx): ServiceRec {
  return buildNative(ctx, {
    name: 'checkout',
    team: 'commerce',
    desired: 3,
    conditions: [pathIs('/checkout/*')],
    test: 'header',
    pinned: true,
    config: {
      strategy: 'CANARY',
      bakeTimeInMinutes: 2,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    },
  });
}

export function buildSearch(ctx: ClusterCtx): ServiceRec {
  return buildNative(ctx, {
    name: 'search',
    team: 'discovery',
    desired: 3,
    conditions: [pathIs('/search/*')],
    test: 'none',
    config: {
      strategy: 'LINEAR',
      bakeTimeInMinutes: 1,
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
    },
  });
}
