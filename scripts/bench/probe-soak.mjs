// Child process of the bench (run with --expose-gc): the TUI watching a busy rollout for 30
// simulated minutes, everything on manual clocks (simulator, pollers, app timer) so half an
// hour takes seconds. A service of 10 tasks is redeployed whenever its rollout finishes, the
// app sits on its detail screen (deep link), and the heap is measured after a full GC at
// minute 5 (warm) and minute 30. Prints one JSON line.
import { createGateway } from '../../src/aws';
import { ManualClock, startSimulator } from '../../src/sim';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { heapMb, renderManualApp, SIM_CREDENTIALS as credentials } from './probe-app.mjs';
import { round } from './stats.mjs';

const minutes = Number(process.argv[2] ?? 30);
const R = 'us-east-1';
const clock = new ManualClock();
const sim = await startSimulator({ port: 0, clock });
buildService(sim.world, R, { cluster: 'prod', name: 'api', image: 'api:v0', desiredCount: 10 });
const gateway = await createGateway({
  region: R,
  endpointUrl: sim.endpoint,
  credentials,
  readOnly: false,
});
let version = 0;
async function redeploy() {
  version++;
  const td = buildTaskDefinition(sim.world, R, { family: 'api', image: `api:v${version}` });
  await gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: td.arn });
}

const { app, stdout, step } = renderManualApp(sim, clock, { cluster: 'prod', service: 'api' });
await stdout.until((f) => /desired 10/.test(f), 30_000);
await redeploy();

const rssMb = () => round(process.memoryUsage().rss / 2 ** 20, 1);
const samples = [];
// 2 s steps: the detail screen polls every 2 s while a rollout is active
for (let second = 2; second <= minutes * 60; second += 2) {
  await step(2000);
  if (second % 10 === 0) {
    const { services } = await gateway.ecs.describeServices('prod', ['api']);
    const done = services[0]?.deployments.length === 1;
    if (done) await redeploy();
  }
  if (second % 300 === 0) samples.push({ minute: second / 60, heapMb: heapMb(), rssMb: rssMb() });
}
const warm = samples.find((s) => s.minute === 5) ?? samples[0];
const last = samples.at(-1);
process.stdout.write(
  `${JSON.stringify({
    event: 'soak',
    minutes,
    rollouts: version,
    samples,
    growthMb: round(last.heapMb - warm.heapMb, 1),
    rssGrowthMb: round(last.rssMb - warm.rssMb, 1),
    calls: sim.calls.count(),
    frames: stdout.writes,
    frame: stdout.lastFrame,
  })}\n`,
);
app.unmount();
gateway.close();
await sim.close();
process.exit(0);
