import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { binaryCommand, REPO_ROOT } from '../helpers/binary';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';
import { tmuxAvailable, TmuxSession } from '../helpers/tmux';
import { buildCliWorld, FAST } from './fixture';

// At a terminal (tmux gives a real one) without --yes, changes ask y/N with plain readline:
// no Ink, no full screen; "no" changes nothing, "yes" goes ahead.

const HAS_TMUX = tmuxAvailable();
let sim: RunningSimulator;
let term: TmuxSession | undefined;

beforeEach(async () => {
  sim = await startTestSim();
  buildCliWorld(sim);
});

afterEach(async () => {
  await term?.kill();
  term = undefined;
  await sim.close();
});

async function open(args: string[]): Promise<TmuxSession> {
  term = await TmuxSession.start(binaryCommand(args), {
    cwd: REPO_ROOT,
    env: {
      AWS_ENDPOINT_URL: sim.endpoint,
      AWS_ACCESS_KEY_ID: SIM_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SIM_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return term;
}

describe.skipIf(!HAS_TMUX)('asking at a terminal', () => {
  it('answering no changes nothing and exits 6', async () => {
    const t = await open(['deploy', ...FAST, '--service', 'api', '--image', ':v2']);
    const screen = await t.waitFor((s) => s.includes('Go ahead? [y/N]'), { what: 'the prompt' });
    expect(screen).toContain('ECS UpdateService: prod/api');
    await t.type('n');
    await t.press('Enter');
    expect(await t.waitForExit()).toBe(6);
    expect(await t.capture()).toMatch(/cancelled; nothing was changed/);
    expect(sim.calls.count('ecs', 'RegisterTaskDefinition')).toBe(0);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(0);
  });

  it('answering yes goes ahead', async () => {
    const t = await open(['deploy', ...FAST, '--service', 'api', '--image', ':v2', '--no-wait']);
    await t.waitFor((s) => s.includes('Go ahead? [y/N]'), { what: 'the prompt' });
    await t.type('y');
    await t.press('Enter');
    expect(await t.waitForExit()).toBe(0);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(1);
  });

  it('a protected service asks for its name', async () => {
    const t = await open(['deploy', ...FAST, '--service', 'vault', '--image', ':v2', '--no-wait']);
    await t.waitFor((s) => s.includes('vault is protected. Type its name to go ahead:'), {
      what: 'the name prompt',
    });
    await t.type('vault');
    await t.press('Enter');
    expect(await t.waitForExit()).toBe(0);
    expect(sim.calls.count('ecs', 'UpdateService')).toBe(1);
  });
});
