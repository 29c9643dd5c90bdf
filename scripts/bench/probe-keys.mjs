// Child process of the bench: the real TUI root (TuiRoot, as `ecs-rollout --cluster big`
// renders it) in a 120x40 fake terminal against the bench's simulator. Measures keypress ->
// repainted frame (the write of the next frame) while moving down the 5,000-service list and
// while typing a filter, plus Ink's own renderTime per frame. Talks to the bench by JSON lines.
import { render } from 'ink';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createElement } from 'react';
import { TuiRoot } from '../../src/tui/tui-root';
import { FakeStdin, FakeStdout } from './fake-tty.mjs';
import { sleep } from './stats.mjs';

const [endpoint, cluster, total] = process.argv.slice(2);
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));

const stdout = new FakeStdout(120, 40);
const stdin = new FakeStdin();
const renderTimes = [];
const options = {
  region: 'us-east-1',
  endpointUrl: endpoint,
  credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim-secret' },
  cluster,
  readOnly: false,
  simulated: true,
  now: () => new Date(),
};
const app = render(createElement(TuiRoot, { options }), {
  stdout,
  stdin,
  stderr: stdout,
  patchConsole: false,
  exitOnCtrlC: false,
  maxFps: 30,
  onRender: ({ renderTime }) => renderTimes.push(renderTime),
});

const described = (frame) => (frame.match(/\bACTIVE\b/g) ?? []).length;
const mb = () => {
  const m = process.memoryUsage();
  const r = (n) => Math.round(n / 2 ** 20);
  return {
    rss: r(m.rss),
    heapTotal: r(m.heapTotal),
    heapUsed: r(m.heapUsed),
    external: r(m.external),
  };
};
const memory = { start: mb() };
await stdout.until((f) => f.includes(`of ${total}`), 60_000);
memory.listed = mb();
await stdout.until((f) => described(f) >= 30, 60_000);
memory.described = mb();
await sleep(1000); // let the describe debounce and the image lookups finish
say({ event: 'opened', frame: stdout.lastFrame });
await nextLine();

/** Presses `key` and measures until the next frame is written (undefined: nothing repainted). */
async function press(key) {
  const written = stdout.nextWrite(1000);
  const t0 = performance.now();
  stdin.write(key);
  const at = await written;
  return at === undefined ? undefined : at - t0;
}

async function series(keys, gapMs) {
  const out = [];
  let missed = 0;
  // CPU per key (renders and all) does not depend on how busy the machine is, unlike latency
  const cpu0 = process.cpuUsage();
  const renders0 = renderTimes.length;
  const writes0 = stdout.writes;
  for (const key of keys) {
    const ms = await press(key);
    if (ms === undefined) missed++;
    else out.push(ms);
    await sleep(gapMs);
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: out,
    missed,
    cpuMsPerKey: (cpu.user + cpu.system) / 1000 / keys.length,
    rendersPerKey: (renderTimes.length - renders0) / keys.length,
    writesPerKey: (stdout.writes - writes0) / keys.length,
  };
}

// at rest: how many frames the app draws per second with nobody pressing anything
const idleRenders0 = renderTimes.length;
const idleCpu0 = process.cpuUsage();
await sleep(3000);
const idleCpu = process.cpuUsage(idleCpu0);
const idle = {
  rendersPerSecond: (renderTimes.length - idleRenders0) / 3,
  cpuPercent: (idleCpu.user + idleCpu.system) / 1000 / 30,
};
renderTimes.length = 0;
const clearsBefore = stdout.clears;
const bytesBefore = stdout.bytes;
const move = await series(Array(60).fill('\x1b[B'), 70);
// a filter typed letter by letter: the prefix of a row's name, then erased again
// the selected row (`│› name`), not the breadcrumb's `Clusters › big`
const firstName = /│›\s*(\S+)/.exec(stdout.lastFrame)?.[1] ?? 'svc';
const typed = firstName.slice(0, 5).split('');
const filter = await series(['/', ...typed, ...typed.map(() => '\x7f')], 90);
say({
  event: 'keys',
  idle,
  move,
  filter,
  renderTimes,
  clears: stdout.clears - clearsBefore,
  bytes: stdout.bytes - bytesBefore,
  memory: { ...memory, end: mb() },
});
app.unmount();
await sleep(50);
process.exit(0);
