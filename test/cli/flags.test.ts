import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { readTarget, addTargetFlags } from '../../src/cli/deploy-flags';
import { parseDuration } from '../../src/cli/duration';
import { classifyError } from '../../src/cli/errors';
import { addGlobalOptions } from '../../src/cli/global-options';
import {
  addStrategyFlags,
  checkSupported,
  readStrategySettings,
  STRATEGY_FLAG_SETS,
} from '../../src/cli/strategy-flags';
import { ROLLING_FLAGS } from '../../src/cli/strategy-flags/rolling';
import { kebab, type StrategyFlagSet } from '../../src/cli/strategy-flags/types';
import { equivalentCommand } from '../../src/deploy/command-line';
import type { DeployRequest } from '../../src/deploy/plan/types';
import { AwsError, ExpectedError, UserAbort } from '../../src/errors';

/** Parses `ecs-rollout deploy ...` words the way the binary does, without running it. */
function parseDeploy(words: string[]) {
  const cmd = addTargetFlags(addGlobalOptions(new Command('deploy')))
    .option('--wait')
    .option('--no-wait')
    .exitOverride();
  const [, sub, ...args] = words;
  expect(sub).toBe('deploy');
  cmd.parse(args, { from: 'user' });
  return cmd;
}

/** Shell words of a command line made by equivalentCommand (it quotes only when needed). */
function words(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!,
  );
}

describe('the equivalent command round-trips through the CLI flags', () => {
  const requests: DeployRequest[] = [
    {
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: {
        kind: 'image',
        images: [{ ref: ':v2.15.0' }, { container: 'sidecar', ref: 'envoy:1.30' }],
        pinDigest: false,
      },
      settings: {
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        circuitBreaker: 'on',
        alarms: ['a', 'b c'],
        alarmRollback: false,
      },
    },
    {
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: { kind: 'revision', taskDefinition: 'api:41' },
      settings: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        circuitBreaker: 'rollback',
        alarms: [],
        alarmRollback: true,
      },
    },
  ];
  for (const request of requests) {
    it(`${request.target.kind}: what the TUI shows is what the CLI runs`, () => {
      const line = equivalentCommand(request, { profile: 'ops', region: 'eu-west-1' });
      const cmd = parseDeploy(words(line));
      const opts = cmd.opts();
      expect(opts).toMatchObject({
        cluster: 'prod',
        service: 'api',
        profile: 'ops',
        region: 'eu-west-1',
        strategy: 'rolling',
        yes: true,
        wait: true,
      });
      expect(readTarget(cmd)).toEqual(request.target);
      const settings = readStrategySettings(cmd, 'rolling');
      // no alarms is printed as `--alarms none` (left out, the CLI would keep the service's);
      // alarm rollback means nothing without alarms and is not printed then
      const expected = { ...request.settings };
      if (Array.isArray(expected['alarms']) && expected['alarms'].length === 0) {
        delete expected['alarmRollback'];
      }
      expect(settings).toEqual(expected);
    });
  }

  it('other strategies name their flags as equivalentCommand spells the setting keys', () => {
    for (const set of STRATEGY_FLAG_SETS) {
      if (set.strategy === 'rolling') continue;
      for (const flag of set.flags)
        expect(flag.name, `${set.strategy} ${flag.key}`).toBe(kebab(flag.key));
    }
  });
});

describe('per-strategy flag tables', () => {
  const canary: StrategyFlagSet = {
    strategy: 'canary',
    flags: [
      {
        name: 'canary-percent',
        key: 'canaryPercent',
        kind: { type: 'number', placeholder: '<n>' },
        description: 'share',
        defaultText: '10',
      },
      {
        name: 'alarms',
        key: 'alarms',
        kind: { type: 'list', placeholder: '<a,b>' },
        description: 'alarms',
        defaultText: 'none',
      },
    ],
  };
  // rolling and a made-up canary table, so the test does not move as real tables land
  const sets = [ROLLING_FLAGS, canary];
  const parse = (args: string[]) =>
    addStrategyFlags(new Command('deploy'), sets).exitOverride().parse(args, { from: 'user' });

  it('shares a flag two strategies declare alike, and reads it for each', () => {
    const cmd = parse(['--alarms', 'x,y', '--canary-percent', '5']);
    expect(readStrategySettings(cmd, 'canary', sets)).toEqual({
      canaryPercent: 5,
      alarms: ['x', 'y'],
    });
    // the two tables say different things: help says each, and each default
    expect(cmd.helpInformation().replace(/\s+/g, ' ')).toMatch(
      /--alarms <a,b> \[rolling\] CloudWatch alarms .*; \[canary\] alarms \(default: rolling: the service's current alarms; canary: none\)/,
    );
    // said alike, it is said once for both
    const alike: StrategyFlagSet = {
      strategy: 'canary',
      flags: [ROLLING_FLAGS.flags.find((f) => f.name === 'alarms')!],
    };
    const help = addStrategyFlags(new Command('deploy'), [ROLLING_FLAGS, alike])
      .helpInformation()
      .replace(/\s+/g, ' ');
    expect(help).toMatch(
      /--alarms <a,b> \[rolling, canary\] CloudWatch alarms [^;]*\(default: the service's current alarms\)/,
    );
  });

  it("refuses another strategy's flag and names the right ones", () => {
    const cmd = parse(['--canary-percent', '5']);
    expect(() => readStrategySettings(cmd, 'rolling', sets)).toThrow(
      '--canary-percent is a setting of canary, not of rolling',
    );
  });

  it('refuses one flag declared with two kinds (a table mistake caught in tests)', () => {
    const clash: StrategyFlagSet = {
      strategy: 'linear',
      flags: [{ ...canary.flags[1]!, kind: { type: 'bool' } }],
    };
    expect(() => addStrategyFlags(new Command('x'), [...sets, clash])).toThrow(
      /two different kinds/,
    );
  });
});

describe('strategies this build cannot run', () => {
  it('are a usage error naming the ones it can', () => {
    expect(() => checkSupported('linear', ['rolling', 'codedeploy'])).toThrow(
      expect.objectContaining({
        name: 'UsageError',
        message: 'ECS linear (--strategy linear) is not supported by this build',
        hint: 'supported strategies: rolling, codedeploy',
      }),
    );
    expect(() => checkSupported('rolling', ['rolling'])).not.toThrow();
  });
});

describe('durations and error classes', () => {
  it('parses units and bare seconds, and refuses the rest', () => {
    expect(parseDuration('90s', '--timeout')).toBe(90_000);
    expect(parseDuration('1h30m', '--timeout')).toBe(5_400_000);
    expect(parseDuration('250ms', '--poll-interval')).toBe(250);
    expect(parseDuration('600', '--timeout')).toBe(600_000);
    expect(() => parseDuration('0s', '--timeout')).toThrow(/longer than 0/);
    expect(() => parseDuration('5 min', '--timeout')).toThrow(/not a duration/);
  });

  it('maps errors to exit codes: access 7 wherever it is wrapped, input 2 before a change, 1 after', () => {
    const denied = new AwsError('denied', {
      kind: 'access-denied',
      code: 'AccessDeniedException',
      service: 'ecs',
      operation: 'UpdateService',
      retryable: false,
    });
    const wrapped = new ExpectedError('UpdateService failed: denied');
    wrapped.cause = denied;
    expect(classifyError(wrapped, 'change').exitCode).toBe(7);
    expect(classifyError(new ExpectedError('no such service'), 'input').exitCode).toBe(2);
    expect(classifyError(new ExpectedError('update failed'), 'change').exitCode).toBe(1);
    expect(classifyError(new UserAbort('no'), 'input')).toMatchObject({
      exitCode: 6,
      outcome: 'CANCELLED',
    });
    const bug = classifyError(new TypeError('x is undefined'), 'input');
    expect(bug).toMatchObject({ exitCode: 1, outcome: 'ERROR' });
    expect(bug.stack).toContain('TypeError');
  });
});
