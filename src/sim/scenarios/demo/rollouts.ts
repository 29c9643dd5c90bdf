import type { World } from '../../world/world';

/**
 * Called last when the demo world is built, so the app opens on a live rollout
 * (product.md: "at least one deployment in progress when the app opens").
 *
 * The rolling-deployment engine starts that deployment here, once it exists: it owns how a
 * deployment moves over simulated time, so it also decides how to begin one (for example an
 * UpdateService-style `createDeployment` on `production/api` to `v2.15.0`, which its
 * `deploymentCreated` listener then drives). Until then the world starts steady.
 */
export function startDemoRollouts(world: World): void {
  void world;
}
