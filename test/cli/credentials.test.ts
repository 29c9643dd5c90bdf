import { afterEach, describe, expect, it } from 'vitest';
import { headlessHint } from '../../src/cli/errors';
import type { RunningSimulator } from '../../src/sim';
import { startTestSim } from '../helpers/sim';
import { cliEnv, killChildren, runCli } from './cli-process';
import { buildCliWorld, FAST } from './fixture';

// No credentials is exit 7 with a hint the headless commands can follow: the AWS layer's hint
// also offers --demo (the app's built-in simulator), which no headless command takes.

let sim: RunningSimulator | undefined;
afterEach(async () => {
  killChildren();
  await sim?.close();
  sim = undefined;
});

function noCredentials(s: RunningSimulator): NodeJS.ProcessEnv {
  const env = cliEnv(s, { AWS_EC2_METADATA_DISABLED: 'true' });
  for (const key of Object.keys(env))
    if (
      /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|CONTAINER_|WEB_IDENTITY)/.test(
        key,
      )
    )
      delete env[key];
  return env;
}

describe('no credentials', () => {
  it('exit 7, and the hint does not suggest --demo', async () => {
    sim = await startTestSim();
    buildCliWorld(sim);
    const run = await runCli(['status', ...FAST, '--all', '--output', 'json'], noCredentials(sim));
    expect(run.code).toBe(7);
    expect(run.result).toMatchObject({
      outcome: 'ACCESS_DENIED',
      hint: 'pass --profile NAME or run: aws sso login',
    });
    expect(run.stderr).toContain('  hint: pass --profile NAME or run: aws sso login\n');
    expect(run.stderr).not.toContain('--demo');
  });

  it('the app-only part of a hint is left out, the rest kept as it was', () => {
    expect(
      headlessHint(
        'check the name (aws configure list-profiles), run: aws sso login --profile ops, or try --demo',
      ),
    ).toBe('check the name (aws configure list-profiles) or run: aws sso login --profile ops');
    expect(headlessHint('grant ecs:UpdateService to your IAM identity')).toBe(
      'grant ecs:UpdateService to your IAM identity',
    );
  });
});
