import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addTargetFlags } from '../../src/cli/deploy-flags';
import { addGlobalOptions } from '../../src/cli/global-options';
import { readStrategySettings } from '../../src/cli/strategy-flags';
import { equivalentCommand } from '../../src/deploy/command-line';
import { canarySettingsSchema, linearSettingsSchema } from '../../src/deploy/native';
import type { DeployRequest } from '../../src/deploy/plan/types';

// The ECS-native settings go through the CLI as the review shows them: the equivalent
// command's flags parse back to the same settings, and a flag of another strategy is refused.

function parse(line: string): Command {
  const cmd = addTargetFlags(addGlobalOptions(new Command('deploy')))
    .option('--wait')
    .option('--no-wait')
    .exitOverride();
  const words = line.split(' ');
  cmd.parse(words.slice(2), { from: 'user' });
  return cmd;
}

const canary: DeployRequest = {
  cluster: 'prod',
  service: 'checkout',
  strategy: 'canary',
  target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
  settings: canarySettingsSchema.parse({
    bakeTimeInMinutes: 2,
    pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT'],
    pauseTimeoutMinutes: 30,
    pauseTimeoutAction: 'CONTINUE',
    circuitBreaker: 'rollback',
    alarms: ['checkout-5xx'],
    alarmRollback: false,
    canaryPercent: 12.5,
    canaryBakeTimeInMinutes: 3,
  }),
};

describe('ECS-native CLI flags', () => {
  it('the equivalent command parses back to the same canary settings', () => {
    const line = equivalentCommand(canary);
    expect(line).toContain('--canary-percent 12.5 --canary-bake-time-in-minutes 3');
    expect(line).toContain('--pause-stages PRE_PRODUCTION_TRAFFIC_SHIFT,POST_TEST_TRAFFIC_SHIFT');
    const settings = readStrategySettings(parse(line), 'canary');
    expect(canarySettingsSchema.parse(settings)).toEqual(canary.settings);
  });

  it('a canary flag with --strategy linear is a usage error naming linear flags', () => {
    const cmd = parse('ecs-rollout deploy --cluster prod --service s --canary-percent 5');
    expect(() => readStrategySettings(cmd, 'linear')).toThrow(
      /--canary-percent is a setting of canary, not of linear/,
    );
  });

  it('--pause-stages none means no pauses; kebab-case stage names are accepted', () => {
    const none = readStrategySettings(
      parse('ecs-rollout deploy --cluster prod --service s --pause-stages none --step-percent 20'),
      'linear',
    );
    expect(linearSettingsSchema.shape.pauseStages.parse(none['pauseStages'])).toEqual([]);
    const kebab = readStrategySettings(
      parse('ecs-rollout deploy --cluster prod --service s --pause-stages post-scale-up'),
      'blue-green',
    );
    expect(linearSettingsSchema.shape.pauseStages.parse(kebab['pauseStages'])).toEqual([
      'POST_SCALE_UP',
    ]);
  });
});
