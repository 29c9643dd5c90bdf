// Side-by-side rows against the same simulator, with AWS's rate limits on: what a person would
// otherwise use. (1) every service of a 1,000-service cluster: `ecs-rollout status --all`
// against a loop of AWS CLI list-services / describe-services (10 per call, the most it
// takes); (2) how soon a finished rollout is reported: `ecs-rollout watch` against
// `aws ecs wait services-stable` (which checks every 15 s).
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { round, sleep } from './stats.mjs';

const run = promisify(execFile);
const R = 'us-east-1';

export function awsCliPath() {
  if (existsSync('/usr/bin/aws')) return '/usr/bin/aws';
  const found = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function diffCalls(before, after) {
  const out = {};
  for (const [k, n] of Object.entries(after))
    if (n - (before[k] ?? 0) > 0) out[k] = n - (before[k] ?? 0);
  return out;
}
const total = (calls) => Object.values(calls).reduce((a, b) => a + b, 0);
const throttles = (sim) => sim.calls.all().filter((c) => /Throttl/.test(c.errorCode ?? '')).length;

function describe(r) {
  if (!r.ok) return `failed after ${round(r.ms / 1000, 1)} s: ${r.error}`;
  const calls = Object.entries(r.calls)
    .map(([k, n]) => `${n} ${k.split(':')[1]}`)
    .join(' + ');
  return `${round(r.ms / 1000, 1)} s, ${total(r.calls)} calls (${calls})${r.throttled ? `, ${r.throttled} throttled and retried` : ''}`;
}

/** `ecs-rollout status --all` on cluster big of `sim`: time, calls, lines, or why it failed. */
async function statusAll(ctx, sim) {
  const before = sim.calls.summary();
  const throttledBefore = throttles(sim);
  const t0 = performance.now();
  let ok = true;
  let error;
  let lines = 0;
  try {
    const { stdout } = await run(
      'node',
      [
        'bin/ecs-rollout.js',
        'status',
        '--all',
        '--cluster',
        'big',
        '--output',
        'json',
        '--endpoint-url',
        sim.endpoint,
        '--region',
        R,
      ],
      { cwd: ctx.root, env: ctx.awsEnv(), maxBuffer: 64 * 2 ** 20 },
    );
    lines = stdout.trim().split('\n').length;
  } catch (e) {
    ok = false;
    error =
      /ecs-rollout status: ([^\n]*)/.exec(String(e.stderr ?? e.message))?.[1] ??
      String(e.message).slice(0, 200);
  }
  return {
    ok,
    error,
    lines,
    ms: performance.now() - t0,
    calls: diffCalls(before, sim.calls.summary()),
    throttled: throttles(sim) - throttledBefore,
  };
}

/** The AWS CLI loop a person would write: list, then describe 10 at a time. */
async function cliLoop(ctx, aws, sim) {
  const endpoint = ['--endpoint-url', sim.endpoint, '--region', R, '--output', 'json'];
  const env = ctx.awsEnv();
  const before = sim.calls.summary();
  const t0 = performance.now();
  const { stdout } = await run(aws, ['ecs', 'list-services', '--cluster', 'big', ...endpoint], {
    env,
    maxBuffer: 64 * 2 ** 20,
  });
  const arns = JSON.parse(stdout).serviceArns;
  let described = 0;
  for (let i = 0; i < arns.length; i += 10) {
    const batch = arns.slice(i, i + 10).map((a) => a.split('/').at(-1));
    const out = await run(
      aws,
      ['ecs', 'describe-services', '--cluster', 'big', '--services', ...batch, ...endpoint],
      { env, maxBuffer: 64 * 2 ** 20 },
    );
    described += JSON.parse(out.stdout).services.length;
  }
  return { ms: performance.now() - t0, described, calls: diffCalls(before, sim.calls.summary()) };
}

export const COMPARE_ROWS = [
  {
    id: 'compare-status-all',
    figure: 'every service of a 1,000-service cluster: `ecs-rollout status --all` vs AWS CLI loop',
    target: 'ratio (reported)',
    method:
      'same simulator (AWS rate limits on; if a tool fails under them, the ratio is taken again without limits); `status --all --output json` vs `aws ecs list-services` then `aws ecs describe-services` per 10 services, one after the other; wall time and calls',
    async run(ctx) {
      const limited = await statusAll(ctx, ctx.sims.mid);
      const aws = awsCliPath();
      if (!aws) {
        return {
          value: null,
          measured: `ecs-rollout: ${describe(limited)}; AWS CLI not installed`,
          pass: null,
          data: { limited },
        };
      }
      let sim = ctx.sims.mid;
      let ours = limited;
      if (!limited.ok) {
        sim = await ctx.unlimitedMid();
        ours = await statusAll(ctx, sim);
      } else {
        await sleep(6000); // let the buckets fill again between the two
      }
      const theirs = await cliLoop(ctx, aws, sim);
      const ratio = theirs.ms / ours.ms;
      const lead = limited.ok
        ? ''
        : `under AWS rate limits ecs-rollout FAILED (${limited.error}); without limits: `;
      return {
        value: ratio,
        measured: `${lead}ecs-rollout ${describe(ours)} vs AWS CLI ${round(theirs.ms / 1000, 1)} s, ${total(theirs.calls)} calls (${theirs.calls['ecs:ListServices']} ListServices: default page of 10): ${round(ratio, 1)}× faster`,
        pass: limited.ok && ours.ok && ratio > 1 && theirs.described === 1000,
        data: { limited, ours, theirs },
      };
    },
  },
  {
    id: 'compare-watch',
    figure:
      'how soon a finished rollout is reported: `ecs-rollout watch` vs `aws ecs wait services-stable`',
    target: 'ratio (reported)',
    method:
      'same simulator (speed 4, rate limits on); 5 services rolled out 3 s apart, each followed by `watch` from its start and by the waiter started 0/3/6/9/12 s later (its 15 s cycle sampled across); lag from the moment the service is stable (one deployment, running = desired; checked every 200 ms) to each tool exiting',
    async run(ctx) {
      const aws = awsCliPath();
      const sim = ctx.sims.mid;
      const gateway = await ctx.kit.createGateway({
        region: R,
        endpointUrl: sim.endpoint,
        credentials: ctx.credentials,
        readOnly: false,
      });
      const env = ctx.awsEnv();
      const endpoint = ['--endpoint-url', sim.endpoint, '--region', R];
      const services = (await gateway.ecs.listServiceArns('big'))
        .slice(0, 5)
        .map((a) => a.split('/').at(-1));
      try {
        const exits = {};
        const started = performance.now();
        const follow = (tool, name, cmd, args) =>
          new Promise((resolve) => {
            const child = spawn(cmd, args, { cwd: ctx.root, env, stdio: 'ignore' });
            child.on('exit', (code) => {
              exits[`${tool}:${name}`] = { at: performance.now(), code };
              resolve();
            });
          });
        const followers = [];
        const begun = new Set();
        const starting = (async () => {
          for (const name of services) {
            const td = ctx.kit.buildTaskDefinition(sim.world, R, {
              family: name,
              image: `${name}:bench-${Date.now()}`,
            });
            await gateway.ecs.updateService({
              cluster: 'big',
              service: name,
              taskDefinition: td.arn,
            });
            begun.add(name);
            const where = ['--cluster', 'big'];
            followers.push(
              follow('watch', name, 'node', [
                'bin/ecs-rollout.js',
                'watch',
                ...where,
                '--service',
                name,
                ...endpoint,
              ]),
            );
            // the waiter checks every 15 s from when it starts: started 0, 3, 6, 9 and 12 s
            // after its rollout, the five sample the whole cycle instead of one lucky phase
            const offset = 3000 * services.indexOf(name);
            if (aws)
              followers.push(
                sleep(offset).then(() =>
                  follow('waiter', name, aws, [
                    'ecs',
                    'wait',
                    'services-stable',
                    ...where,
                    '--services',
                    name,
                    ...endpoint,
                  ]),
                ),
              );
            await sleep(3000);
          }
        })();
        const stableAt = {};
        while (
          Object.keys(stableAt).length < services.length &&
          performance.now() - started < 240_000
        ) {
          const { services: found } = await gateway.ecs.describeServices('big', services);
          for (const s of found) {
            if (
              !stableAt[s.name] &&
              begun.has(s.name) &&
              s.deployments.length === 1 &&
              s.runningCount === s.desiredCount
            )
              stableAt[s.name] = performance.now();
          }
          await sleep(200);
        }
        await starting;
        await Promise.race([Promise.all(followers), sleep(120_000)]);
        const lag = (tool) =>
          services.map((n) =>
            exits[`${tool}:${n}`] && stableAt[n] ? exits[`${tool}:${n}`].at - stableAt[n] : NaN,
          );
        const watch = lag('watch');
        const waiter = aws ? lag('waiter') : [];
        // "stable" is seen by polling every 200 ms, so a tool can exit a little before it is
        // noticed: lags count from 0, and the ratio of means uses 200 ms as the least lag
        const mean = (xs) => xs.reduce((a, b) => a + Math.max(0, b), 0) / xs.length;
        const ratio = aws ? mean(waiter) / Math.max(200, mean(watch)) : NaN;
        const codes = Object.fromEntries(Object.entries(exits).map(([k, v]) => [k, v.code]));
        return {
          value: ratio,
          measured: `watch reports ${round(mean(watch) / 1000, 1)} s after stable on average (max ${round(Math.max(...watch) / 1000, 1)}) vs waiter ${aws ? `${round(mean(waiter) / 1000, 1)} s (max ${round(Math.max(...waiter) / 1000, 1)}): ${round(ratio, 1)}× sooner` : 'n/a (no AWS CLI)'}`,
          pass: aws
            ? mean(watch) < mean(waiter) && Object.values(codes).every((c) => c === 0)
            : null,
          data: {
            watch,
            waiter,
            codes,
            rolloutSeconds: services.map((n) => round((stableAt[n] - started) / 1000, 1)),
          },
        };
      } finally {
        gateway.close();
      }
    },
  },
];
