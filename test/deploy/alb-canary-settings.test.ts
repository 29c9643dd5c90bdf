import { describe, expect, it } from 'vitest';
import { settingsFlags } from '../../src/deploy/command-line';
import {
  albCanaryDefaults,
  parseAlbCanarySettings,
  stepProblems,
} from '../../src/deploy/alb-canary/settings';

const errorsOf = (settings: Record<string, unknown>) => {
  const parsed = parseAlbCanarySettings(settings);
  return parsed.ok ? [] : parsed.errors;
};

describe('ALB canary settings', () => {
  it('defaults to 10, 25, 50, 100 with a 5 minute bake, all gates and auto-advance', () => {
    const parsed = parseAlbCanarySettings({});
    expect(parsed).toEqual({ ok: true, settings: albCanaryDefaults });
    expect(albCanaryDefaults).toMatchObject({
      steps: [10, 25, 50, 100],
      bakeMinutes: 5,
      healthGate: true,
      errorGate: true,
      advance: 'auto',
    });
  });

  it('takes steps as the CLI writes them', () => {
    const parsed = parseAlbCanarySettings({ steps: '5, 20,100' });
    expect(parsed.ok && parsed.settings.steps).toEqual([5, 20, 100]);
  });

  it.each([
    [[10, 25, 50], /the plan must reach 100: the last step is 50/],
    [[10, 150], /step 2 is 150: a step cannot send more than 100% to the canary/],
    [[-1, 100], /step 1 is -1: a step sends 1 to 100% to the canary/],
    [[0, 100], /step 1 is 0/],
    [[12.5, 100], /step 1 is 12.5: steps are whole percents \(1 to 100\), no fractions/],
    ['12.5,100', /step 1 is 12.5: steps are whole percents/],
    ['10%,100', /step 1 "10%" is not a number/],
    [[50, 25, 100], /steps must go up: step 2 \(25\) is not above step 1 \(50\)/],
    [[50, 50, 100], /steps must go up/],
    [[], /give at least one step/],
  ])('refuses steps %j with a clear message', (steps, message) => {
    expect(errorsOf({ steps }).join('\n')).toMatch(message);
  });

  it('accepts a single 100 step (straight to promotion after one bake)', () => {
    expect(stepProblems([100])).toEqual([]);
  });

  it('refuses other out-of-range settings with the reason', () => {
    expect(errorsOf({ bakeMinutes: -1 })).toEqual(['bake minutes must be 0 or more']);
    expect(errorsOf({ errorMarginPct: -0.5 })).toEqual([
      'error margin must be 0 or more percentage points',
    ]);
    expect(errorsOf({ minRequests: 2.5 })).toEqual(['minimum requests must be a whole number']);
    expect(errorsOf({ advance: 'sometimes' })).toEqual(['advance must be auto or manual']);
    expect(errorsOf({ ruleArn: 'arn:aws:ecs:us-east-1:1:service/x' })[0]).toMatch(
      /listener-rule ARN/,
    );
  });

  it('maps every setting to a kebab flag of the equivalent command', () => {
    const flags = settingsFlags({
      cluster: 'prod',
      service: 'orders',
      strategy: 'alb-canary',
      target: { kind: 'revision', taskDefinition: 'orders:3' },
      settings: { ...albCanaryDefaults, alarms: ['a', 'b'], healthGate: false },
    });
    expect(flags.join(' ')).toBe(
      '--steps 10,25,50,100 --bake-minutes 5 --no-health-gate --alarms a,b --error-gate --error-margin-pct 1 --min-requests 50 --advance auto --prepare-timeout-minutes 30',
    );
    // and those flag values parse back to the same settings
    const back = parseAlbCanarySettings({ steps: '10,25,50,100' });
    expect(back.ok && back.settings.steps).toEqual([10, 25, 50, 100]);
  });
});
