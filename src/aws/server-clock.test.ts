import { describe, expect, it } from 'vitest';
import { ServerClock, SIM_SPEED_HEADER, SIM_TIME_HEADER } from './server-clock';

describe('ServerClock', () => {
  it('is real time until a simulator reply says otherwise', () => {
    let real = 1_000_000;
    const clock = new ServerClock(() => real);
    expect(clock.now().getTime()).toBe(1_000_000);
    clock.observe({ date: 'Thu, 26 Nov 2026 09:00:00 GMT' });
    expect(clock.simulated).toBe(false);
    clock.observe({ [SIM_TIME_HEADER]: '5000000', [SIM_SPEED_HEADER]: '10' });
    expect(clock.simulated).toBe(true);
    real += 2_000;
    // two real seconds at 10x are twenty simulated seconds
    expect(clock.now().getTime()).toBe(5_020_000);
  });

  it('stands still between replies of a manual (speed 0) clock', () => {
    let real = 0;
    const clock = new ServerClock(() => real);
    clock.observe({ [SIM_TIME_HEADER]: '7000', [SIM_SPEED_HEADER]: '0' });
    real += 60_000;
    expect(clock.now().getTime()).toBe(7000);
  });
});
