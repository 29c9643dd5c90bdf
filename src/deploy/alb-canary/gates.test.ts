import { describe, expect, it } from 'vitest';
import { errorGate, wilsonLow } from './gates';
import type { GateConfig } from './state';

const config: GateConfig = {
  health: true,
  alarms: [],
  errors: true,
  errorMarginPct: 1,
  minRequests: 20,
};
const since = new Date('2026-01-01T00:00:00Z');
const snapshot = (canary: [number, number], stable: [number, number]) => ({
  canary: { timestamps: [since], requests: [canary[0]], errors5xx: [canary[1]] },
  stable: { timestamps: [since], requests: [stable[0]], errors5xx: [stable[1]] },
  fetchedAt: since,
});

describe('the 5xx gate judges a rate with the noise of its sample', () => {
  it('one stray 5xx in a small sample passes (a good version is not rolled back by chance)', () => {
    // readings from runs that rolled a good image back before the gate took the sample into account
    expect(errorGate(config, snapshot([83, 1], [740, 1]), since).status).toBe('pass');
    expect(errorGate(config, snapshot([66, 1], [599, 0]), since).status).toBe('pass');
    expect(errorGate(config, snapshot([76, 1], [228, 1]), since).status).toBe('pass');
  });

  it('a real regression fails at once and says by how much, with the limit it crossed', () => {
    const row = errorGate(config, snapshot([21, 8], [184, 0]), since);
    expect(row.status).toBe('fail');
    expect(row.detail).toMatch(
      /^canary 38% of 21 vs stable 0\.0% of 184 \(margin 1 pp\): at least 2\d% at 95 % confidence, over the 1\.0% limit$/,
    );
    // a steady 5 % of 400 against a clean stable is not noise either
    expect(errorGate(config, snapshot([400, 20], [4000, 4]), since).status).toBe('fail');
  });

  it('waits for the minimum number of canary requests before judging', () => {
    const row = errorGate(config, snapshot([10, 9], [100, 0]), since);
    expect(row.status).toBe('pending');
    expect(row.detail).toBe('waiting for traffic: 10 of 20 canary requests this step');
  });

  it('wilsonLow is the lower 95 % Wilson bound', () => {
    expect(wilsonLow(0, 0)).toBe(0);
    expect(wilsonLow(0, 100)).toBe(0);
    expect(wilsonLow(8, 21)).toBeCloseTo(0.2075, 3);
    expect(wilsonLow(50, 100)).toBeCloseTo(0.4038, 3);
  });
});
