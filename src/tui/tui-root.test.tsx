import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp, type RenderedApp } from '../../test/helpers/render-app';
import { SIM_CREDENTIALS } from '../../test/helpers/sim';
import type { ProfileInfo } from '../aws';
import type { TuiOptions } from './options';
import {
  createManualTimer,
  onCleanup,
  patientWaits,
  startWorld,
  timeSourceOf,
  type TestSim,
} from './testing/browse-harness';
import { buildShop } from './testing/shop-world';
import { NO_CREDENTIALS_EXIT, TuiRoot } from './tui-root';

const AWS_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'HOME',
];
let saved: Record<string, string | undefined>;

/** An empty AWS environment: no keys, no profile, empty config files in a temp home. */
beforeEach(() => {
  saved = Object.fromEntries(AWS_ENV.map((k) => [k, process.env[k]]));
  for (const k of AWS_ENV) delete process.env[k];
  const home = mkdtempSync(join(tmpdir(), 'ecs-rollout-tui-'));
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  writeFileSync(process.env.AWS_CONFIG_FILE, '');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
});

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const noProfiles = () => Promise.resolve<ProfileInfo[]>([]);
const twoProfiles = () =>
  Promise.resolve<ProfileInfo[]>([
    { name: 'default', sso: false, files: ['credentials'] },
    { name: 'prod', sso: true, files: ['config'], region: 'eu-west-1' },
  ]);

function start(
  sim: TestSim,
  options: Partial<TuiOptions> = {},
  profiles: () => Promise<ProfileInfo[]> = noProfiles,
) {
  const timer = createManualTimer(sim.clock.now());
  let exitCode: number | undefined;
  const app: RenderedApp = renderApp(
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
      // one attempt per call: the pollers, not the SDK's retries, ride out throttling here
      gatewayOptions={{ maxAttempts: 1 }}
      profiles={profiles}
      onExitCode={(code) => {
        exitCode = code;
      }}
    />,
    { columns: 120, rows: 40, timer },
  );
  onCleanup(() => app.unmount());
  patientWaits(app);
  return { app, timer, exitCode: () => exitCode };
}

const bar = (frame: string) => frame.split('\n')[0] ?? '';

describe('the TUI container', () => {
  it('draws a frame at once, then the clusters with who and where in the context bar', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim);
    expect(app.frames()[0]).toContain(
      'connecting to AWS (region us-east-1 · the built-in simulator)',
    );
    const frame = await app.waitFor((f) => f.includes('3 clusters'));
    expect(bar(frame)).toMatch(/ecs-rollout {2}us-east-1 · 123456789012 \[SIMULATED\]\s+⟳ 30s/);
  });

  it('opens straight at --cluster / --service, with the parents to go back to', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { cluster: 'production', service: 'web' });
    let frame = await app.waitFor((f) => f.includes('[Deployments]'));
    expect(frame.split('\n')[1]).toMatch(/Clusters › production › web/);
    expect(bar(frame)).toMatch(/⟳ 10s/);
    await app.press('global.back');
    frame = await app.waitFor((f) => f.includes('4 services ·'));
    await app.press('global.back');
    await app.waitFor((f) => f.includes('3 clusters'));
  });

  it('with --read-only shows the badge, no deploy or rollback keys, and keeps watch', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { readOnly: true, cluster: 'production' });
    const frame = await app.waitFor((f) => f.includes('4 services ·'));
    expect(bar(frame)).toContain('[READ-ONLY] [SIMULATED]');
    const footer = frame.split('\n').at(-1) ?? '';
    expect(footer).toContain('s sort');
    expect(footer).not.toMatch(/deploy|rollback/);
    expect(footer).toContain('w watch');
  });

  it('shows the throttled badge when AWS pushes back, keeping the data', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim);
    await app.waitFor((f) => f.includes('3 clusters'));
    sim.faults.add({ kind: 'throttle', service: 'ecs', operation: 'ListClusters', times: 1 });
    await app.advance(30_000);
    const frame = await app.waitFor((f) => bar(f).includes('▲ throttled'));
    expect(frame).toContain('3 clusters');
    expect(frame).toContain('throttled by AWS: refreshing less often');
  });

  it('switches Region with ctrl+r and starts again at the clusters there', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { cluster: 'production' });
    await app.waitFor((f) => f.includes('4 services ·'));
    await app.press('global.region');
    await app.waitFor((f) => f.includes('eu-west-1'));
    await app.press('dialog.filter');
    await app.type('eu-west-1');
    await app.press('dialog.confirm');
    const frame = await app.waitFor((f) => f.includes('no clusters in eu-west-1'));
    expect(bar(frame)).toContain('eu-west-1 · 123456789012');
    expect(frame.split('\n')[1]).toMatch(/^ Clusters\s*$/);
    // and back with the palette
    await app.press('global.command');
    await app.type('region us-east-1');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('3 clusters') && bar(f).includes('us-east-1'));
  });

  it('switches profile with ctrl+p (not offered on the simulator)', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { simulated: false, profile: 'default' }, twoProfiles);
    await app.waitFor((f) => f.includes('3 clusters') && bar(f).includes('default · us-east-1'));
    await app.press('global.profile');
    await app.waitFor((f) => f.includes('AWS profile') && f.includes('prod'));
    await app.press('dialog.filter');
    await app.type('prod');
    await app.press('dialog.confirm');
    await app.waitFor((f) => bar(f).includes('prod · us-east-1') && f.includes('3 clusters'));

    const simulated = start(sim);
    await simulated.app.waitFor((f) => f.includes('3 clusters'));
    await simulated.app.press('global.profile');
    await simulated.app.waitFor((f) => f.includes('profile: the simulator has one profile'));
  });

  it('says how to sign in again when the SSO token expires, keeps the data, and recovers', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { simulated: false, profile: 'prod' });
    await app.waitFor((f) => f.includes('3 clusters'));
    sim.faults.add({ kind: 'expired-token', service: 'ecs', times: 1 });
    await app.advance(30_000);
    let frame = await app.waitFor((f) =>
      f.includes('AWS credentials expired: run aws sso login --profile prod'),
    );
    expect(frame).toContain('3 clusters');
    expect(frame).toMatch(/production\s+ACTIVE/);
    // the token was refreshed: the next poll works and the message goes by itself
    await app.advance(30_000);
    frame = await app.waitFor(
      (f) => f.includes('AWS credentials are valid again') && !f.includes('last refresh failed'),
    );
    expect(frame).toMatch(/production\s+ACTIVE/);
  });

  it('shows one screen when there are no credentials, with where it looked and the ways on', async () => {
    const sim = await startWorld(buildShop);
    const { app, exitCode } = start(sim, {
      simulated: false,
      credentials: undefined,
      profile: 'work',
    });
    const frame = await app.waitFor((f) => f.includes('No AWS credentials found'));
    expect(frame).toContain(
      'environment variables: AWS_ACCESS_KEY_ID not set, AWS_PROFILE not set',
    );
    expect(frame).toContain('profile "work" (--profile): not found in the config files');
    expect(frame).toContain('IAM Identity Center (SSO)');
    expect(frame).toMatch(/config files: config \S+\/config \(found\), credentials /);
    expect(frame).toMatch(/AWS said: no aws credentials found for profile "work"/);
    expect(frame).toMatch(/ecs-rollout --profile NAME\s+use a profile from your config/);
    expect(frame).toMatch(/aws sso login --profile NAME\s+sign in with IAM Identity Center/);
    expect(frame).toMatch(/ecs-rollout --demo\s+try it on the built-in simulator/);
    expect(sim.calls.count('ecs')).toBe(0);
    await app.press('global.quit');
    await app.waitUntilExit();
    expect(exitCode()).toBe(NO_CREDENTIALS_EXIT);
  });

  it('says how to set a Region when none can be found', async () => {
    const sim = await startWorld(buildShop);
    const { app } = start(sim, { simulated: false, region: undefined });
    const frame = await app.waitFor((f) => f.includes('No AWS Region set'));
    expect(frame).toMatch(/AWS said: no aws region set/);
    expect(frame).toMatch(/ecs-rollout --region NAME\s+pick the Region/);
    expect(frame).toMatch(/export AWS_REGION=NAME/);
    await app.press('global.quit');
    await app.waitUntilExit();
  });
});
