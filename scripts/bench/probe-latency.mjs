// Child process of the bench: how long a change in AWS takes to reach the screen. The
// simulator runs in this process on real time; the TUI (TuiRoot, deep-linked to a service
// that is rolling out, so it polls at the active interval) draws into a 120x40 fake terminal.
// The desired count is changed through the API at random moments; the latency is from the
// change's reply to the first frame that shows it. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { createGateway } from '../../src/aws';
import { startSimulator } from '../../src/sim';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { renderServiceApp, SIM_CREDENTIALS as credentials } from './probe-app.mjs';
import { sleep } from './stats.mjs';

const changes = Number(process.argv[2] ?? 10);
const R = 'us-east-1';
const sim = await startSimulator({ port: 0, speed: 1 });
buildService(sim.world, R, { cluster: 'prod', name: 'api', image: 'api:v1', desiredCount: 4 });
const gateway = await createGateway({
  region: R,
  endpointUrl: sim.endpoint,
  credentials,
  readOnly: false,
});
const td = buildTaskDefinition(sim.world, R, { family: 'api', image: 'api:v2' });
await gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: td.arn });

const { app, stdout } = renderServiceApp(sim, { cluster: 'prod', service: 'api' });
await stdout.until((f) => /desired 4 /.test(f) && /⟳ 2s/.test(f), 30_000);

const latencies = [];
let desired = 4;
for (let i = 0; i < changes; i++) {
  await sleep(700 + Math.random() * 1900); // anywhere in the poll cycle
  desired = desired === 4 ? 5 : 4;
  await gateway.ecs.updateService({ cluster: 'prod', service: 'api', desiredCount: desired });
  const changedAt = performance.now();
  const shownAt = await stdout.until((f) => f.includes(`desired ${desired} `), 15_000);
  latencies.push(shownAt - changedAt);
}
const interval = /⟳ (\d+)s/.exec(stdout.lastFrame)?.[1];
process.stdout.write(
  `${JSON.stringify({ event: 'latency', latencies, intervalS: Number(interval) })}\n`,
);
app.unmount();
gateway.close();
await sim.close();
process.exit(0);
