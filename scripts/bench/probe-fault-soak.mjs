// Child process of the bench (run with --expose-gc): issue 10's soak. The TUI watches one
// service through an hour of simulated rollouts (every third version crashes on start, so the
// circuit breaker rolls it back) while the simulator injects a fault every few minutes:
// throttling bursts, 500s and 503s, reset connections, malformed replies, expired credentials,
// and a lost reply on the operator's own UpdateService. All clocks are manual, so an hour takes
// seconds. Reports heap growth, calls per minute per rate-limit bucket against the app's budget
// (a quarter of the sustained rate), how many polls failed and showed it, and every unhandled
// rejection or uncaught exception. Prints one JSON line.
import { createGateway } from '../../src/aws';
import { ManualClock, startSimulator } from '../../src/sim';
import { AWS_BUCKETS, bucketsFor } from '../../src/sim/http/rate-limits';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { DEFAULT_BUDGET_FRACTION } from '../../src/state/budget';
import { heapMb, renderManualApp, SIM_CREDENTIALS as credentials } from './probe-app.mjs';
import { round } from './stats.mjs';

const minutes = Number(process.argv[2] ?? 60);
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(`rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => unhandled.push(`exception: ${String(error)}`));

const R = 'us-east-1';
const clock = new ManualClock();
const sim = await startSimulator({ port: 0, clock });
buildService(sim.world, R, {
  cluster: 'prod',
  name: 'api',
  image: 'api:v0',
  desiredCount: 6,
  deploymentConfiguration: {
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
});
// the operator's client: its calls are counted apart from the app's
const operator = await createGateway({ region: R, endpointUrl: sim.endpoint, credentials });
let version = 0;
let operatorCalls = 0;
let operatorErrors = 0;
async function redeploy() {
  version++;
  const image = `api:v${version}`;
  if (version % 3 === 0) sim.world.images.set(image, 'crash-on-start');
  const td = buildTaskDefinition(sim.world, R, { family: 'api', image });
  operatorCalls++;
  try {
    await operator.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: td.arn });
  } catch {
    // a lost reply or a refused call: the next check reads the service and carries on
    operatorErrors++;
  }
}

// one fault every 4 simulated minutes, in turn; each lapses on its own (a burst or a count)
const FAULTS = [
  { kind: 'throttle', category: 'ecs.serviceRead', forMs: 40_000 },
  { kind: 'http500', service: 'ecs', probability: 0.3, forMs: 60_000 },
  { kind: 'http503', forMs: 20_000 },
  { kind: 'reset', service: 'ecs', times: 4 },
  { kind: 'malformed', service: 'ecs', times: 3 },
  { kind: 'expired-token', forMs: 30_000 },
  { kind: 'lost-reply', service: 'ecs', operation: 'UpdateService', times: 1 },
  { kind: 'throttle', service: 'elbv2', forMs: 40_000 },
];

const { app, stdout, step } = renderManualApp(sim, clock, { cluster: 'prod', service: 'api' });
await stdout.until((f) => /desired 6/.test(f), 30_000);
await redeploy();

const samples = [];
let faultsInjected = 0;
let framesShowingFailure = 0;
let lastFrame = '';
for (let second = 2; second <= minutes * 60; second += 2) {
  await step(2000);
  if (second % 240 === 0) {
    sim.faults.add(FAULTS[faultsInjected % FAULTS.length]);
    faultsInjected++;
  }
  if (stdout.lastFrame !== lastFrame) {
    lastFrame = stdout.lastFrame;
    if (/last refresh failed|throttled by AWS/.test(lastFrame)) framesShowingFailure++;
  }
  if (second % 10 === 0) {
    operatorCalls++;
    try {
      const { services } = await operator.ecs.describeServices('prod', ['api']);
      if (services[0]?.deployments.length === 1) await redeploy();
    } catch {
      operatorErrors++;
    }
  }
  if (second % 300 === 0) samples.push({ minute: second / 60, heapMb: heapMb() });
}

// the faults lapse; within a minute the screen is fresh again
sim.faults.clear();
for (let second = 2; second <= 60; second += 2) {
  await step(2000);
}
const recovered =
  /desired 6/.test(stdout.lastFrame) &&
  !/last refresh failed|throttled by AWS/.test(stdout.lastFrame);

// calls per simulated minute per bucket, against the budget (operator calls included: ~7/min)
const perMinute = new Map();
for (const call of sim.calls.all()) {
  const minute = Math.floor(call.at / 60_000);
  for (const bucket of bucketsFor(call.service, call.operation)) {
    const key = `${bucket}@${minute}`;
    perMinute.set(key, (perMinute.get(key) ?? 0) + 1);
  }
}
const budget = {};
for (const [key, n] of perMinute) {
  const bucket = key.slice(0, key.lastIndexOf('@'));
  const limit = Math.floor(AWS_BUCKETS[bucket].refillPerSecond * 60 * DEFAULT_BUDGET_FRACTION);
  const entry = (budget[bucket] ??= { maxPerMinute: 0, budgetPerMinute: limit });
  entry.maxPerMinute = Math.max(entry.maxPerMinute, n);
}
// the circuit breaker did its part: the crashing versions were rolled back
const rolledBack = (
  await operator.ecs.listServiceDeployments('prod', 'api', { status: ['ROLLBACK_SUCCESSFUL'] })
).length;
const failedReplies = sim.calls.all().filter((c) => c.status >= 400).length;
const warm = samples.find((s) => s.minute === 5) ?? samples[0];
process.stdout.write(
  `${JSON.stringify({
    event: 'fault-soak',
    minutes,
    rollouts: version,
    rolledBack,
    faultsInjected,
    samples,
    growthMb: round(samples.at(-1).heapMb - warm.heapMb, 1),
    calls: sim.calls.count(),
    failedReplies,
    operatorCalls,
    operatorErrors,
    framesShowingFailure,
    budget,
    overBudget: Object.entries(budget)
      .filter(([, b]) => b.maxPerMinute > b.budgetPerMinute)
      .map(([bucket]) => bucket),
    recovered,
    unhandled,
    frame: stdout.lastFrame,
  })}\n`,
);
app.unmount();
operator.close();
await sim.close();
process.exit(0);
