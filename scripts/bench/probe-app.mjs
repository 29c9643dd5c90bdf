// The TUI as the bench's in-process probes run it: TuiRoot deep-linked to one service on the
// simulator, drawing into a 120x40 fake terminal. With `clocks`, its pollers and timers run on
// those manual clocks (the soaks step them); without, on real time (the latency probe).
import { render } from 'ink';
import { createElement } from 'react';
import { ManualTimer } from '../../src/state/manual-timer';
import { TuiRoot } from '../../src/tui/tui-root';
import { createManualTimer } from '../../test/helpers/manual-timer';
import { FakeStdin, FakeStdout } from './fake-tty.mjs';
import { round, sleep } from './stats.mjs';

export const SIM_CREDENTIALS = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim-secret' };

export function renderServiceApp(sim, { cluster, service, clocks }) {
  const stdout = new FakeStdout(120, 40);
  const options = {
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
    cluster,
    service,
    readOnly: false,
    simulated: true,
    now: () => new Date(sim.clock.now()),
  };
  const props = clocks
    ? { options, pollTime: clocks.pollTime, timer: clocks.appTimer }
    : { options };
  const app = render(createElement(TuiRoot, props), {
    stdout,
    stdin: new FakeStdin(),
    stderr: stdout,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: 30,
  });
  return { app, stdout };
}

/**
 * The app with the simulator's manual clock driving its pollers and timers too, for the soaks:
 * `step(ms)` moves all three on, then lets the polls it started reach the simulator and return.
 */
export function renderManualApp(sim, clock, where) {
  const pollTime = new ManualTimer(clock.now());
  const appTimer = createManualTimer(clock.now());
  const rendered = renderServiceApp(sim, { ...where, clocks: { pollTime, appTimer } });
  async function step(ms) {
    clock.advance(ms);
    pollTime.advance(ms);
    appTimer.advance(ms);
    await sleep(1);
    await sleep(1);
  }
  return { ...rendered, step };
}

/** Heap in use after a full collection (node --expose-gc), in MB. */
export function heapMb() {
  globalThis.gc();
  globalThis.gc();
  return round(process.memoryUsage().heapUsed / 2 ** 20, 1);
}
