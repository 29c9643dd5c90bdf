// Rollout rows: calls per poll of the live monitor for each strategy (1 vs 40 past
// deployments), memory after 30 simulated minutes watching a busy rollout, and how long a
// change in AWS takes to reach the screen.
import { spawnSync } from 'node:child_process';
import { median, round } from './stats.mjs';

function runProbe(ctx, name, args, nodeFlags = []) {
  const out = spawnSync('node', [...nodeFlags, ctx.probe(name), ...args], {
    env: ctx.env(),
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    timeout: 10 * 60_000,
  });
  const line = out.stdout.trim().split('\n').at(-1);
  if (out.status !== 0 || !line) throw new Error(`probe ${name} failed:\n${out.stderr}`);
  return JSON.parse(line);
}

const NATIVE = ['blue-green', 'linear', 'canary'];

function strategyRow(strategies, label) {
  return {
    id: `poll-${strategies[0]}`,
    figure: `live rollout monitor, calls per poll: ${label}`,
    target: 'fixed per strategy, independent of history',
    method:
      'apply a rollout in the simulator (manual clock), then 12 polls 5 s apart; calls each poll sent, with 1 and with 40 past deployments',
    async run(ctx) {
      const { measured } = ctx.kit.measurableStrategies();
      const here = strategies.filter((s) => measured.includes(s));
      if (!here.length) {
        return { value: null, measured: 'n/a: no engine module for it yet', pass: null };
      }
      const parts = [];
      let pass = true;
      const data = {};
      for (const s of here) {
        const short = await ctx.kit.measurePollCost(s, 1);
        const long = await ctx.kit.measurePollCost(s, 40);
        const same = JSON.stringify(short.polls) === JSON.stringify(long.polls);
        pass &&= same;
        const ops = new Set(short.polls.flatMap((p) => Object.keys(p)));
        parts.push(
          `${here.length > 1 ? `${s}: ` : ''}${Math.min(...short.totals)}–${Math.max(...short.totals)} calls/poll, median ${median(short.totals)} (${[...ops].map((o) => o.split(':')[1]).join(', ')}); ${same ? 'identical with 40 past deployments' : `DIFFERS with 40: ${long.totals.join(',')}`}`,
        );
        data[s] = { short: short.totals, long: long.totals, polls: short.polls };
      }
      return { value: data, measured: parts.join(' · '), pass, data };
    },
  };
}

export const ROLLOUT_ROWS = [
  strategyRow(['rolling'], 'rolling'),
  strategyRow(NATIVE, 'ECS blue/green, linear, canary'),
  strategyRow(['codedeploy'], 'CodeDeploy blue/green'),
  strategyRow(['alb-canary'], 'ALB weighted canary'),
  {
    id: 'soak-memory',
    figure: 'memory after 30 simulated minutes watching a busy rollout',
    target: 'growth ≤ 10 MB',
    method:
      'TuiRoot on the detail screen of a 10-task service redeployed whenever its rollout ends; all clocks manual (2 s steps); heap after full GC at minute 5 and minute 30 (node --expose-gc)',
    async run(ctx) {
      const soak = runProbe(ctx, 'soak', [String(ctx.quick ? 10 : 30)], ['--expose-gc']);
      return {
        value: soak.growthMb,
        measured: `heap +${soak.growthMb} MB (${soak.samples[0].heapMb} → ${soak.samples.at(-1).heapMb} MB; RSS ${soak.rssGrowthMb >= 0 ? '+' : ''}${soak.rssGrowthMb} MB) over ${soak.rollouts} rollouts, ${soak.calls} calls`,
        pass: soak.growthMb <= 10,
        data: { ...soak, frame: undefined },
      };
    },
  },
  {
    id: 'fault-soak',
    figure: 'soak: one simulated hour of rollouts under periodic faults (issue 10)',
    target:
      'heap growth ≤ 10 MB; every bucket within budget; no unhandled rejection; fresh again once faults stop',
    method:
      'TuiRoot on the detail screen of a 6-task service redeployed whenever its rollout ends, every third version crashing (circuit-breaker rollback); a fault every 4 simulated minutes in turn (throttling bursts, 500, 503, resets, malformed replies, expired credentials, a lost UpdateService reply); all clocks manual; calls per minute per bucket vs a quarter of its sustained rate',
    async run(ctx) {
      const soak = runProbe(ctx, 'fault-soak', [String(ctx.quick ? 20 : 60)], ['--expose-gc']);
      const worst = Object.entries(soak.budget)
        .map(([bucket, b]) => ({ bucket, share: b.maxPerMinute / b.budgetPerMinute, ...b }))
        .sort((a, b) => b.share - a.share)[0];
      return {
        value: soak.growthMb,
        measured: `heap +${soak.growthMb} MB over ${soak.rollouts} rollouts (${soak.rolledBack} rolled back by the breaker) and ${soak.faultsInjected} faults; ${soak.calls} calls (${soak.failedReplies} failed replies, ${soak.framesShowingFailure} frames saying so); busiest bucket ${worst.bucket} ${worst.maxPerMinute}/min of ${worst.budgetPerMinute}; ${soak.unhandled.length} unhandled; ${soak.recovered ? 'fresh again' : 'NOT fresh'} after the faults`,
        pass:
          soak.growthMb <= 10 &&
          soak.overBudget.length === 0 &&
          soak.unhandled.length === 0 &&
          soak.recovered,
        data: { ...soak, frame: undefined },
      };
    },
  },
  {
    id: 'state-to-screen',
    figure: 'state change in AWS → on the screen',
    target: 'within one poll interval (2 s while a rollout is active)',
    method:
      'TuiRoot on a service that is rolling out (real time); desired count changed through the API at random moments; from the reply to the first frame showing it; pass: max ≤ interval + 250 ms (one fetch and frame)',
    async run(ctx) {
      const result = runProbe(ctx, 'latency', [String(ctx.repeat(10, 5))]);
      const max = Math.max(...result.latencies);
      const interval = result.intervalS * 1000;
      return {
        value: max,
        measured: `max ${round(max)} ms, median ${round(median(result.latencies))} ms (poll interval ${result.intervalS} s)`,
        pass: result.intervalS === 2 && max <= interval + 250,
        data: result,
      };
    },
  },
];
