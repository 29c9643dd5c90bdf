import type { World } from '../../world/world';
import { principals } from '../names';
import { buildProduction, buildProductionEu, buildStaging } from './clusters';
import { buildCatalog } from './images';
import { buildPlatform } from './platform';
import { startDemoRollouts } from './rollouts';

// The demo world (product.md, "The demo world"): account 123456789012 with us-east-1 as the
// main region (production, staging, platform) and a smaller eu-west-1 (production-eu).

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

export function buildDemo(world: World): void {
  const people = principals(world.accountId);
  const catalog = buildCatalog(world, DEMO_REGIONS);
  buildProduction(world, catalog, people);
  buildStaging(world, catalog, [people[0]!]);
  buildPlatform(world, 'us-east-1', people);
  buildProductionEu(world, catalog, people);
  startDemoRollouts(world);
}
