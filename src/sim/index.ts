import type { AddressInfo } from 'node:net';
import { ManualClock, ScaledClock, type SimClock } from './clock';
import { FaultInjector } from './faults';
import { CallLog } from './http/call-log';
import { installEngines } from './engines';
import { RateLimiter, rateLimitTime, type RateLimitMode } from './http/rate-limits';
import { createSimHttpServer, isLoopbackHost } from './http/server';
import { findScenario, type ScenarioOptions } from './scenarios';
import { HANDLERS } from './services';
import { World } from './world/world';

export { ManualClock, ScaledClock, type SimClock } from './clock';
export { World } from './world/world';
export { FaultInjector, parseFaultSpec, type FaultRule } from './faults';
export { CallLog } from './http/call-log';
export { AWS_BUCKETS, RateLimiter, type RateLimitMode } from './http/rate-limits';
export { SCENARIOS } from './scenarios';

export interface SimulatorOptions {
  /** Loopback only; anything else is refused. Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  scenario?: string;
  scenarioOptions?: ScenarioOptions;
  seed?: number;
  /** A ManualClock for tests; default real time times `speed`. */
  clock?: SimClock;
  speed?: number;
  /** How often (real ms) a scaled clock lets engines run between requests. Default 250. */
  tickMs?: number;
  /** 'aws': AWS's request rate limits (token buckets per category); default 'off'. */
  rateLimits?: RateLimitMode;
  onInternalError?: (error: unknown, service: string, operation: string) => void;
}

export interface RunningSimulator {
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  readonly world: World;
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly calls: CallLog;
  /** The rate limiter when `rateLimits: 'aws'`. */
  readonly rateLimits: RateLimiter | undefined;
  /** With a ManualClock: move time and let every engine run. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export class SimulatorStartError extends Error {}

/** Starts the simulator on a loopback port, with a scenario already built. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new SimulatorStartError(
      `refusing to listen on ${host}: the simulator only binds to loopback (127.0.0.1, ::1 or localhost)`,
    );
  }
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SimulatorStartError(
      `port must be a whole number from 0 to 65535, got ${String(opts.port)}`,
    );
  }
  const scenario = findScenario(opts.scenario ?? 'empty');
  const clock = opts.clock ?? new ScaledClock(opts.speed ?? 1);
  const world = new World({ clock, seed: opts.seed ?? 1 });
  // engines first, so deployments a scenario starts roll out; then its steady tasks are adopted
  const engines = installEngines(world);
  scenario.build(world, opts.scenarioOptions ?? {});
  engines.adoptScenario();
  const faults = new FaultInjector(() => world.now);
  const calls = new CallLog();
  const rateLimits = opts.rateLimits === 'aws' ? new RateLimiter(rateLimitTime(clock)) : undefined;
  const { server, sockets } = createSimHttpServer({
    world,
    handlers: HANDLERS,
    faults,
    calls,
    rateLimits,
    ...(opts.onInternalError ? { onInternalError: opts.onInternalError } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use; pick another with --port, or --port 0 for any free port`
          : error.code === 'EACCES'
            ? `no permission to listen on port ${port}; ports below 1024 need root, pick one above 1024`
            : error.message;
      reject(new SimulatorStartError(why));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  // A scaled clock moves on its own; let engines run between requests too so time-driven
  // changes (a task turning RUNNING) happen even when nobody asks.
  const ticker =
    clock.kind === 'scaled' ? setInterval(() => world.catchUp(), opts.tickMs ?? 250) : undefined;
  ticker?.unref();
  const unsubscribe =
    clock instanceof ManualClock ? clock.onAdvance(() => world.catchUp()) : undefined;

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;
  return {
    endpoint: `http://${urlHost}:${address.port}`,
    host,
    port: address.port,
    world,
    clock,
    faults,
    calls,
    rateLimits,
    advance(ms: number) {
      if (!(clock instanceof ManualClock)) throw new Error('advance() needs a ManualClock');
      clock.advance(ms);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ticker) clearInterval(ticker);
      unsubscribe?.();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
