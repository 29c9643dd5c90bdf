import { describe, expect, it } from 'vitest';
import type { World } from '../../src/sim';
import {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
import { browse, startWorld } from '../../src/tui/testing/browse-harness';

function shop(world: World): void {
  const cluster = buildCluster(world, 'us-east-1', 'shop');
  for (const name of ['api', 'cart', 'web'])
    buildService(world, 'us-east-1', { cluster, name, image: `repo/${name}:v1` });
}

/** Frames drawn while the app's clock moves one second with nothing else happening. */
async function framesInOneSecond(app: Awaited<ReturnType<typeof browse>>['app']) {
  const before = app.frames().length;
  for (let i = 0; i < 10; i++) await app.advance(100);
  return app.frames().length - before;
}

describe('frames at rest (each one re-renders the whole screen)', () => {
  it('draws nothing while nothing changes, though a covered screen below is still "loading"', async () => {
    const sim = await startWorld(shop);
    // deep link: Clusters is mounted under Services but never shown, so it never loads
    const { app } = await browse(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'shop' }],
    });
    await app.waitFor((f) => f.includes('1-3 of 3'));
    await app.advance(200); // the describe debounce
    await app.waitFor((f) => /web\s+ACTIVE/.test(f) && /completed/.test(f));
    await app.advance(500); // image lookups land
    expect(await framesInOneSecond(app)).toBe(0);
  });

  it('still animates a spinner that is on screen', async () => {
    const sim = await startWorld(shop);
    const td = buildTaskDefinition(sim.world, 'us-east-1', { family: 'api', image: 'repo/api:v2' });
    const { app, gateway } = await browse(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'shop' }],
    });
    await gateway.ecs.updateService({ cluster: 'shop', service: 'api', taskDefinition: td.arn });
    await app.press('nav.down'); // any key: re-describe on the next poll
    await app.advance(16_000);
    await app.waitFor((f) => /api\s+ACTIVE.*in progress/.test(f));
    expect(await framesInOneSecond(app)).toBeGreaterThanOrEqual(5);
  });
});
