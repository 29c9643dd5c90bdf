import { describe, expect, it } from 'vitest';
import { STRATEGY_LABELS } from '../../src/deploy/types';
import { measurableStrategies, measurePollCost } from './strategy-polls';

// perf-reliability 6.3: a rollout tick costs a small constant number of calls (a handful of
// reads, plus the weight write of a client-driven canary at a step), whatever the history
const MAX_CALLS_PER_POLL = 8;
const { measured, missing } = measurableStrategies();

describe('the live rollout monitor: fixed calls per poll, whatever the history', () => {
  it.each(measured)(
    '%s: the same calls every poll with 1 and with 40 past deployments',
    async (s) => {
      const short = await measurePollCost(s, 1);
      const long = await measurePollCost(s, 40);
      expect(long.polls).toEqual(short.polls);
      expect(Math.max(...short.totals)).toBeLessThanOrEqual(MAX_CALLS_PER_POLL);
      expect(Math.min(...short.totals)).toBeGreaterThan(0);
      // nothing proportional to history: no listing of past deployments on a tick
      for (const poll of long.polls) {
        expect(poll['ecs:ListServiceDeployments'] ?? 0).toBeLessThanOrEqual(1);
        expect(poll['codedeploy:ListDeployments'] ?? 0).toBeLessThanOrEqual(1);
      }
    },
  );

  it('names the strategies that have no engine module yet', () => {
    expect(measured).toContain('rolling');
    for (const s of missing) expect(STRATEGY_LABELS[s]).toBeTruthy();
  });
});
