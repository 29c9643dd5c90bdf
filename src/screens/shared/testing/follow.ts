/**
 * Test-only: moves the simulated world and the app's clock together until the monitor shows
 * what the test waits for. Each round advances the world 5 s and the app 2 s (one poll), then
 * waits for that poll to land on screen ("updated 0s ago"), so nothing depends on wall time.
 */
import type { Browse } from '../../../tui/testing/browse-harness';

export async function followRollout(
  b: Pick<Browse, 'app' | 'sim'>,
  done: (frame: string) => boolean,
  maxSimMs = 15 * 60_000,
): Promise<string> {
  for (let elapsed = 0; elapsed <= maxSimMs; elapsed += 5_000) {
    const frame = b.app.frame();
    if (done(frame)) return frame;
    b.sim.advance(5_000);
    await b.app.advance(2_000);
    await b.app.waitFor((f) => f.includes('updated 0s ago') || f.includes('no longer polling'));
  }
  throw new Error(`the monitor never showed what was expected; last frame:\n${b.app.frame()}`);
}

/** The frame's text inside the panel border as one line, so wrapped review lines match whole. */
export function flatten(frame: string): string {
  return frame
    .split('\n')
    .map((l) => l.replace(/^│\s?/, '').replace(/\s*│$/, '').trim())
    .join(' ');
}

/** Waits for the dialog (its hints in the footer), then presses `id`. */
export async function answerDialog(
  app: Browse['app'],
  id: 'dialog.confirm' | 'dialog.cancel',
): Promise<void> {
  await app.waitFor((f) => (f.split('\n').at(-1) ?? '').includes('esc cancel'));
  await app.press(id);
}

/** Waits until the footer offers `hint` (e.g. `enter next`): the screen is ready for it. */
export function keysLive(app: Browse['app'], hint: string): Promise<string> {
  return app.waitFor((f) => (f.split('\n').at(-1) ?? '').includes(hint));
}
