// Rows on a 5,000-service cluster: keypress -> repainted frame and the calls that opening the
// cluster cost (one in-process probe of the real TuiRoot, see probe-keys.mjs), and the peak
// RSS of the bundled binary with that cluster open.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { spawnPty } from './pty.mjs';
import { median, percentile, procMemory, round, sleep, stripAnsi } from './stats.mjs';

const SERVICES = 5000;
const VISIBLE = 32; // data rows of the Services screen at 120x40

/** Runs probe-keys against the big simulator; the calls of the open are counted in between. */
function keysProbe(ctx) {
  return ctx.once('keys', async () => {
    const sim = ctx.sims.big;
    sim.calls.clear();
    const child = spawn('node', [ctx.probe('keys'), sim.endpoint, 'big', String(SERVICES)], {
      env: ctx.env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const result = {};
    for await (const line of createInterface({ input: child.stdout })) {
      const event = JSON.parse(line);
      if (event.event === 'opened') {
        result.open = sim.calls.summary();
        child.stdin.write('go\n');
      } else if (event.event === 'keys') {
        result.keys = event;
      }
    }
    result.stderr = stderr;
    if (!result.keys) throw new Error(`the keys probe failed:\n${stderr}`);
    return result;
  });
}

export const TUI_ROWS = [
  {
    id: 'keypress',
    figure: 'keypress → repainted frame, 5,000-service list at 120x40 (moving and filtering)',
    target: 'p95 ≤ 30 ms',
    method:
      "the real TuiRoot in a 120x40 fake TTY (Ink maxFps 30) against the simulator; 60 ↓ keys 70 ms apart, then `/` and a filter typed and erased; time from the key's write to the next frame's write",
    async run(ctx) {
      const { keys } = await keysProbe(ctx);
      const all = [...keys.move.ms, ...keys.filter.ms];
      const value = percentile(all, 95);
      return {
        value,
        measured: `p95 ${round(value)} ms (p50 ${round(median(all))}; moving p95 ${round(percentile(keys.move.ms, 95))}, filtering p95 ${round(percentile(keys.filter.ms, 95))}; Ink renderTime p95 ${round(percentile(keys.renderTimes, 95), 1)} ms; CPU per key ${round(keys.move.cpuMsPerKey, 1)} ms moving, ${round(keys.filter.cpuMsPerKey, 1)} ms filtering; ${round(keys.move.rendersPerKey, 1)} renders and ${round(keys.move.writesPerKey, 1)} frame writes per ↓; ${keys.clears} full repaints; at rest ${round(keys.idle.rendersPerSecond, 1)} frames/s, ${round(keys.idle.cpuPercent, 1)} % CPU)`,
        pass: value <= 30,
        data: keys,
      };
    },
  },
  {
    id: 'open-cluster',
    figure: 'opening a 5,000-service cluster',
    target: `ceil(N/100) = ${SERVICES / 100} ListServices + DescribeServices only for visible rows (${VISIBLE} → ${Math.ceil(VISIBLE / 10)})`,
    method:
      'calls the simulator served from the start of the probe above until the list is drawn and described (sts + ecs)',
    async run(ctx) {
      const { open } = await keysProbe(ctx);
      const list = open['ecs:ListServices'] ?? 0;
      const describe = open['ecs:DescribeServices'] ?? 0;
      const pass = list === SERVICES / 100 && describe <= Math.ceil((VISIBLE + 1) / 10);
      const other = Object.entries(open)
        .filter(([k]) => k !== 'ecs:ListServices' && k !== 'ecs:DescribeServices')
        .map(([k, n]) => `${n} ${k.split(':')[1]}`)
        .join(', ');
      return {
        value: list + describe,
        measured: `${list} ListServices + ${describe} DescribeServices${other ? ` (also ${other})` : ''}`,
        pass,
        data: open,
      };
    },
  },
  {
    id: 'peak-rss',
    figure: 'peak RSS with a 5,000-service cluster open',
    target: '≤ 150 MB',
    method:
      '`node bin/ecs-rollout.js --cluster big` in a 120x40 pty against the simulator; list drawn, 40 ↓, a filter typed; VmHWM of the process; the median of 5 runs (2 with --quick)',
    async run(ctx) {
      // the peak moves with when the GC runs (single runs read 128-181 MB): take several
      const runs = [];
      for (let i = 0; i < ctx.repeat(5, 2); i++) runs.push(await peakRssRun(ctx));
      const peaks = runs.map((r) => r.peakMb).sort((a, b) => a - b);
      const mid = median(peaks);
      const warnings = runs.some((r) => r.warnings);
      return {
        value: mid,
        measured: `median ${round(mid, 1)} MB peak over ${peaks.length} runs (${peaks.map((p) => round(p, 1)).join(', ')})${warnings ? '; a Node warning was printed onto the screen' : ''}`,
        pass: mid <= 150,
        data: { runs },
      };
    },
  },
];

/** One run of the peak-RSS row: the list drawn, moved through and filtered; VmHWM after. */
async function peakRssRun(ctx) {
  const app = spawnPty(
    'node',
    ['bin/ecs-rollout.js', '--endpoint-url', ctx.sims.big.endpoint, '--cluster', 'big'],
    { cwd: ctx.root, env: ctx.awsEnv() },
  );
  try {
    const pid = await app.pid;
    await app.waitFor((t) => stripAnsi(t).includes(`of ${SERVICES}`), 'the services list', 30_000);
    await sleep(1500);
    for (let i = 0; i < 40; i++) {
      app.write('\x1b[B');
      await sleep(40);
    }
    for (const key of ['/', 'a', 'p', 'i', '\r']) {
      app.write(key);
      await sleep(100);
    }
    await sleep(1000);
    const memory = await procMemory(pid);
    return { ...memory, warnings: /Warning/.test(stripAnsi(app.text)) };
  } finally {
    await app.kill();
  }
}
