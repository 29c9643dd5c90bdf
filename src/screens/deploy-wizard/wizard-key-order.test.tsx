/**
 * Keys are handled in the order they arrive, each on the state the key before left, however
 * the terminal groups them into reads: a paste then enter, text and enter in one read, enter
 * and the next step's text in one read. (A trial in tmux: a paste followed by enter 150 ms
 * later moved to step 3 with most of the paste still queued, and it landed in step 3's first
 * field.)
 */
import { describe, expect, it } from 'vitest';
import { startWorld, type Browse } from '../../tui/testing/browse-harness';
import { deployApp } from '../shared/testing/deploy-harness';
import { buildDeployWorld } from '../shared/testing/deploy-world';
import { keysLive } from '../shared/testing/follow';

const SERVICES = [{ kind: 'clusters' as const }, { kind: 'services' as const, cluster: 'prod' }];

/** The wizard on step 2 with the Image field focused. */
async function onImageField(): Promise<Browse> {
  const sim = await startWorld((w) => {
    buildDeployWorld(w, {});
  });
  const b = await deployApp(sim, { initialStack: SERVICES });
  await b.app.waitFor((f) => /› api\s/.test(f));
  await b.app.press('service.deploy');
  await b.app.waitFor((f) => f.includes('step 1 of 5') && f.includes('▸ ● Rolling update'));
  await keysLive(b.app, 'enter next');
  await b.app.press('wizard.next');
  await b.app.waitFor((f) => f.includes('step 2 of 5'));
  await b.app.press('nav.next-tab', { times: 2 });
  await b.app.waitFor((f) => /› Image/.test(f));
  return b;
}

/** Back from step 3 to step 2: what the Image field holds. */
async function imageOnStep2(b: Browse): Promise<string> {
  await b.app.press('wizard.back');
  const frame = await b.app.waitFor((f) => f.includes('step 2 of 5'));
  return /Image\s+(\S*)/.exec(frame)?.[1] ?? '';
}

const minHealthy = (frame: string) => /Minimum healthy percent\s+(\S+)/.exec(frame)?.[1];

describe('wizard keys in arrival order', () => {
  it('a paste, then enter in the next read: the whole paste is the image, step 3 untouched', async () => {
    const b = await onImageField();
    // two reads before the app gets a turn: what a paste followed quickly by enter gives
    b.app.stdin.write(':v1.3.0');
    b.app.stdin.write('\r');
    const frame = await b.app.waitFor((f) => f.includes('step 3 of 5'));
    expect(minHealthy(frame)).toBe('100');
    expect(await imageOnStep2(b)).toBe(':v1.3.0');
  });

  it('text and enter in one read', async () => {
    const b = await onImageField();
    await b.app.write(':v1.3.0\r');
    const frame = await b.app.waitFor((f) => f.includes('step 3 of 5'));
    expect(minHealthy(frame)).toBe('100');
    expect(await imageOnStep2(b)).toBe(':v1.3.0');
  });

  it("text, enter and the next step's text in one read: each part in its own step", async () => {
    const b = await onImageField();
    await b.app.write(':v1.3.0\r\x7f\x7f\x7f75');
    const frame = await b.app.waitFor((f) => f.includes('step 3 of 5') && minHealthy(f) === '75');
    expect(frame).toMatch(/Maximum percent\s+200/);
    expect(await imageOnStep2(b)).toBe(':v1.3.0');
  });

  it('enter, then text in the same read goes to the next step', async () => {
    const b = await onImageField();
    await b.app.type(':v1.3.0');
    await b.app.waitFor((f) => f.includes(':v1.3.0'));
    await b.app.write('\r\x7f\x7f\x7f60');
    const frame = await b.app.waitFor((f) => f.includes('step 3 of 5') && minHealthy(f) === '60');
    expect(frame).toMatch(/Maximum percent\s+200/);
    expect(await imageOnStep2(b)).toBe(':v1.3.0');
  });
});
