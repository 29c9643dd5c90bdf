/**
 * The whole TUI (TuiRoot: connection, every screen, palette, dialogs) against the simulator on
 * manual clocks, as the reliability tests drive it: `tick(ms)` moves the simulator and the
 * app's clock together, so rollouts move and pollers fire without sleeping.
 */
import type { TuiOptions } from '../../src/tui/options';
import { TuiRoot } from '../../src/tui/tui-root';
import {
  createManualTimer,
  onCleanup,
  patientWaits,
  timeSourceOf,
  type TestSim,
} from '../../src/tui/testing/browse-harness';
import { renderApp, type RenderedApp } from '../helpers/render-app';
import { SIM_CREDENTIALS } from '../helpers/sim';

export interface Tui {
  app: RenderedApp;
  /** Moves simulated time and the app's timers by `ms`, in steps of at most `step`. */
  tick: (ms: number, step?: number) => Promise<void>;
  /** Opens the palette and runs a command (`audit`, `deploy`, `svc api`). */
  palette: (command: string) => Promise<void>;
}

export function startTui(
  sim: TestSim,
  options: Partial<TuiOptions> = {},
  size: { columns?: number; rows?: number } = {},
): Tui {
  const timer = createManualTimer(sim.clock.now());
  const app = renderApp(
    <TuiRoot
      options={{
        readOnly: false,
        simulated: true,
        region: 'us-east-1',
        endpointUrl: sim.endpoint,
        credentials: SIM_CREDENTIALS,
        now: () => new Date(sim.clock.now()),
        ...options,
      }}
      timer={timer}
      pollTime={timeSourceOf(timer)}
      gatewayOptions={{ maxAttempts: 1 }}
      profiles={() => Promise.resolve([])}
    />,
    { columns: size.columns ?? 140, rows: size.rows ?? 40, timer },
  );
  onCleanup(() => app.unmount());
  patientWaits(app);
  return {
    app,
    async tick(ms, step = 1_000) {
      for (let done = 0; done < ms; done += step) {
        const d = Math.min(step, ms - done);
        sim.advance(d);
        await app.advance(d);
      }
    },
    async palette(command) {
      await app.press('global.command');
      await app.waitFor((f) => f.includes('svc [NAME | CLUSTER/NAME]'));
      await app.type(command);
      await app.press('dialog.confirm');
    },
  };
}

/** The footer (key hints or a flash line). */
export const footer = (frame: string): string => frame.split('\n').at(-1) ?? '';
/** The context bar. */
export const bar = (frame: string): string => frame.split('\n')[0] ?? '';
