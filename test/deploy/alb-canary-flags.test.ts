import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { albCanaryDefaults, parseAlbCanarySettings } from '../../src/deploy/alb-canary/settings';
import { settingsFlags } from '../../src/deploy/command-line';
import { ALB_CANARY_FLAGS } from '../../src/cli/strategy-flags/alb-canary';
import { addStrategyFlags, readStrategySettings } from '../../src/cli/strategy-flags';
import { ROLLING_FLAGS } from '../../src/cli/strategy-flags/rolling';
import { kebab } from '../../src/cli/strategy-flags/types';
import type { DeployRequest } from '../../src/deploy/plan/types';

const SETS = [ROLLING_FLAGS, ALB_CANARY_FLAGS];

function parseFlags(args: string[]): Record<string, unknown> {
  const cmd = addStrategyFlags(new Command('deploy').exitOverride(), SETS);
  cmd.parse(args, { from: 'user' });
  return readStrategySettings(cmd, 'alb-canary', SETS);
}

describe('ALB canary CLI flags', () => {
  it('are the settings keys in kebab case, one per setting', () => {
    const keys = Object.keys(albCanarySettingsKeys());
    expect(ALB_CANARY_FLAGS.flags.map((f) => f.name).sort()).toEqual(keys.map(kebab).sort());
    for (const f of ALB_CANARY_FLAGS.flags) expect(f.name).toBe(kebab(f.key));
  });

  it('read back the settings the equivalent command prints', () => {
    const settings = {
      ...albCanaryDefaults,
      steps: [5, 20, 60, 100],
      bakeMinutes: 2.5,
      healthGate: false,
      alarms: ['orders-5xx', 'orders-p99'],
      errorMarginPct: 0.5,
      advance: 'manual' as const,
      canaryService: 'orders-canary',
      ruleArn:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
    };
    const request: DeployRequest = {
      cluster: 'prod',
      service: 'orders',
      strategy: 'alb-canary',
      target: { kind: 'revision', taskDefinition: 'orders:3' },
      settings,
    };
    const parsed = parseAlbCanarySettings(parseFlags(settingsFlags(request)));
    expect(parsed).toEqual({ ok: true, settings });
  });

  it('leave bad steps to the schema, which names the problem', () => {
    const parsed = parseAlbCanarySettings(parseFlags(['--steps', '10,12.5,100']));
    expect(parsed).toEqual({
      ok: false,
      errors: ['step 2 is 12.5: steps are whole percents (1 to 100), no fractions'],
    });
  });
});

function albCanarySettingsKeys(): Record<string, true> {
  return Object.fromEntries(
    [...Object.keys(albCanaryDefaults), 'canaryService', 'ruleArn'].map((k) => [k, true]),
  );
}
