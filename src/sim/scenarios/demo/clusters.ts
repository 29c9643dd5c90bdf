import { createCluster } from '../../services/ecs/services';
import { ecsScope } from '../../services/ecs/state';
import type { World } from '../../world/world';
import { DAY } from './calendar';
import type { ClusterCtx, Stage } from './context';
import type { DemoCatalog } from './images';
import { recentOomKill } from './incidents';
import { buildPayments } from './kinds-codedeploy';
import { buildCheckout, buildSearch, buildWeb } from './kinds-native';
import { buildApi, buildLegacyCron, buildOrdersPair, buildWorker } from './kinds-rolling';
import { buildClusterAlb } from './load-balancers';
import { buildNotifications } from './task-sets';

// The three application clusters: `production` with one service of every kind the product
// handles, `staging` a step ahead of it with the same kinds at a smaller size, and
// `production-eu` in eu-west-1 with a handful of services so switching region shows something.

function clusterCtx(
  world: World,
  region: string,
  name: string,
  stage: Stage,
  catalog: DemoCatalog,
  people: readonly string[],
): ClusterCtx {
  const cluster = createCluster(ecsScope(world, region), name, {
    at: world.now - 700 * DAY,
    tags: [
      { key: 'environment', value: stage === 'staging' ? 'staging' : 'production' },
      { key: 'owner', value: 'platform-team' },
    ],
    containerInsights: stage === 'staging' ? 'disabled' : 'enabled',
  });
  const alb = buildClusterAlb(world, region, `${name}-public`, { testListener: true });
  return { world, region, cluster, stage, alb, catalog, people };
}

export function buildProduction(
  world: World,
  catalog: DemoCatalog,
  people: readonly string[],
): ClusterCtx {
  const ctx = clusterCtx(world, 'us-east-1', 'production', 'production', catalog, people);
  buildApi(ctx);
  const worker = buildWorker(ctx);
  recentOomKill(world, ctx.region, worker, 24);
  buildWeb(ctx);
  buildCheckout(ctx);
  buildSearch(ctx);
  buildPayments(ctx);
  buildOrdersPair(ctx);
  buildNotifications(ctx);
  buildLegacyCron(ctx);
  return ctx;
}

export function buildStaging(
  world: World,
  catalog: DemoCatalog,
  ci: readonly string[],
): ClusterCtx {
  const ctx = clusterCtx(world, 'us-east-1', 'staging', 'staging', catalog, ci);
  buildApi(ctx);
  buildWorker(ctx);
  buildWeb(ctx);
  buildCheckout(ctx);
  buildSearch(ctx);
  buildPayments(ctx);
  buildOrdersPair(ctx);
  buildNotifications(ctx);
  return ctx;
}

export function buildProductionEu(
  world: World,
  catalog: DemoCatalog,
  people: readonly string[],
): ClusterCtx {
  const ctx = clusterCtx(world, 'eu-west-1', 'production-eu', 'production-eu', catalog, people);
  buildApi(ctx);
  buildWorker(ctx);
  buildWeb(ctx);
  buildCheckout(ctx);
  buildSearch(ctx);
  buildOrdersPair(ctx);
  return ctx;
}
