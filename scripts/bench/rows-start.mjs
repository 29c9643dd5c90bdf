// Start-up rows: the bundled binary's first frame, and the first frame with data in --demo.
// Both spawn `node bin/ecs-rollout.js` in a 120x40 pseudo-terminal. The app itself reports
// its first frame (ECS_ROLLOUT_BENCH_FIRST_FRAME: performance.now() at Ink's first onRender,
// whose origin is the process start, and the CPU used by then).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPty } from './pty.mjs';
import { median, percentile, round, sleep, stripAnsi } from './stats.mjs';

async function firstFrame(ctx, args, { dataMarker } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-ff-'));
  const file = join(dir, 'first-frame.json');
  const app = spawnPty('node', ['bin/ecs-rollout.js', ...args], {
    cwd: ctx.root,
    env: { ...ctx.awsEnv(), ECS_ROLLOUT_BENCH_FIRST_FRAME: file },
  });
  try {
    let report;
    for (let i = 0; i < 1500 && !report; i++) {
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        await sleep(10);
      }
    }
    if (!report) throw new Error(`the app never reported its first frame:\n${stripAnsi(app.text)}`);
    let dataMs;
    if (dataMarker) {
      const dataAt = await app.waitFor((t) => dataMarker.test(stripAnsi(t)), 'data on screen');
      // the first chunk with text in it is the first frame as the terminal got it
      const shownAt = app.chunks.find((c) => stripAnsi(c.text).trim() !== '').at;
      // same origin as the app's report: its first frame plus what the terminal saw after it
      dataMs = report.ms + (dataAt - shownAt);
    }
    return { ms: report.ms, cpuMs: report.cpuMs, dataMs };
  } finally {
    await app.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const START_ROWS = [
  {
    id: 'first-frame',
    figure: 'first frame of the TUI, bundled binary (process start → first paint)',
    target: 'median ≤ 250 ms',
    method:
      "`node bin/ecs-rollout.js --endpoint-url <sim>` in a 120x40 pty, N runs; the app writes performance.now() (origin: process start) at Ink's first onRender",
    async run(ctx) {
      const runs = [];
      for (let i = 0; i < ctx.repeat(15, 5); i++) {
        runs.push(await firstFrame(ctx, ['--endpoint-url', ctx.sims.big.endpoint]));
      }
      const ms = runs.map((r) => r.ms);
      const value = median(ms);
      return {
        value,
        measured: `median ${round(value)} ms (p90 ${round(percentile(ms, 90))}; CPU ${round(median(runs.map((r) => r.cpuMs)))} ms)`,
        pass: value <= 250,
        data: { runs },
      };
    },
  },
  {
    id: 'demo-first-data',
    figure: 'first frame with data, `--demo` (simulator in process)',
    target: 'median ≤ 600 ms',
    method:
      '`node bin/ecs-rollout.js --demo` in a 120x40 pty, N runs; app-reported first frame + pty arrival of the first frame with cluster rows (ACTIVE) − arrival of the first frame',
    async run(ctx) {
      const runs = [];
      for (let i = 0; i < ctx.repeat(10, 3); i++) {
        runs.push(await firstFrame(ctx, ['--demo'], { dataMarker: /\bACTIVE\b/ }));
      }
      const data = runs.map((r) => r.dataMs);
      const value = median(data);
      return {
        value,
        measured: `median ${round(value)} ms (p90 ${round(percentile(data, 90))}; first frame ${round(median(runs.map((r) => r.ms)))} ms)`,
        pass: value <= 600,
        data: { runs },
      };
    },
  },
];
