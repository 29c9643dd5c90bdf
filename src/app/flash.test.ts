import { describe, expect, it, vi } from 'vitest';
import { createManualTimer } from '../../test/helpers/manual-timer';
import { ExpectedError } from '../errors';
import { createFlashStore, FLASH_CLEAR_MS } from './flash';

describe('flash store', () => {
  it('clears a message after 6 s of the app timer', () => {
    const timer = createManualTimer();
    const flash = createFlashStore(timer);
    flash.warn('throttled, retrying');
    expect(flash.getSnapshot()).toMatchObject({ level: 'warn', text: 'throttled, retrying' });
    timer.advance(FLASH_CLEAR_MS - 1);
    expect(flash.getSnapshot()).toBeDefined();
    timer.advance(1);
    expect(flash.getSnapshot()).toBeUndefined();
  });

  it('restarts the clock when a new message replaces the old', () => {
    const timer = createManualTimer();
    const flash = createFlashStore(timer);
    flash.info('one');
    timer.advance(5_000);
    flash.info('two');
    timer.advance(5_000);
    expect(flash.getSnapshot()?.text).toBe('two');
    expect(timer.pending()).toBe(1);
  });

  it('shows an error with its hint', () => {
    const flash = createFlashStore(createManualTimer());
    flash.error(new ExpectedError('token expired', 'run aws sso login --profile prod'));
    expect(flash.getSnapshot()).toMatchObject({
      level: 'error',
      text: 'token expired (run aws sso login --profile prod)',
    });
  });

  it('notifies subscribers on show and clear', () => {
    const timer = createManualTimer();
    const flash = createFlashStore(timer);
    const listener = vi.fn();
    flash.subscribe(listener);
    flash.info('x');
    timer.advance(FLASH_CLEAR_MS);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("clears a message from before the latest key, never the key's own outcome", () => {
    const flash = createFlashStore(createManualTimer());
    flash.warn('reveal: move to an environment variable first');
    flash.keyPressed();
    flash.info('deployment started'); // the key's outcome, shown while it is handled
    flash.clearOlder();
    expect(flash.getSnapshot()?.text).toBe('deployment started');
    flash.keyPressed();
    flash.clearOlder();
    expect(flash.getSnapshot()).toBeUndefined();
  });
});
