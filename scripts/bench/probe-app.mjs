// The TUI as the bench's in-process probes run it: TuiRoot deep-linked to one service on the
// simulator, drawing into a 120x40 fake terminal. With `clocks`, its pollers and timers run on
// those manual clocks (the soaks step them); without, on real time (the latency probe).
import { render } from 'ink';
import { createElement } from 'react';
import { TuiRoot } from '../../src/tui/tui-root';
import { FakeStdin, FakeStdout } from './fake-tty.mjs';

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
