import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/aws/types';
import { settingFieldId, strategyForm } from '../../src/screens/deploy-wizard/strategy-forms';
import type { Answers } from '../../src/screens/deploy-wizard/wizard-model';

// The wizard's settings step for the ECS-native strategies: fields prefilled from the service
// (or AWS's defaults), PAUSE stages typed as a list, and the zod schema's messages per field.

const service = {
  name: 'checkout',
  deploymentController: 'ECS',
  deploymentConfiguration: {
    strategy: 'CANARY',
    bakeTimeInMinutes: 2,
    canary: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 },
    circuitBreaker: { enable: true, rollback: true },
    lifecycleHooks: [],
  },
} as unknown as Service;

function answersOf(
  strategy: 'canary' | 'linear' | 'blue-green',
  overrides: Record<string, string>,
) {
  const form = strategyForm(strategy)!;
  const answers: Record<string, Answers[string]> = {};
  for (const f of form.fields) answers[f.id] = f.default?.({ service }, answers);
  for (const [key, value] of Object.entries(overrides))
    answers[settingFieldId(strategy, key)] = value;
  return { form, answers };
}

describe('ECS-native wizard forms', () => {
  it('canary: the service values prefilled, a pause typed in becomes a PAUSE stage', () => {
    const { form, answers } = answersOf('canary', { pauseStages: 'PRE_PRODUCTION_TRAFFIC_SHIFT' });
    expect(answers[settingFieldId('canary', 'canaryPercent')]).toBe('10');
    expect(answers[settingFieldId('canary', 'canaryBakeTimeInMinutes')]).toBe('2');
    expect(answers[settingFieldId('canary', 'pauseTimeoutMinutes')]).toBe('1440');
    expect(form.validate(answers)).toEqual({});
    expect(form.settings(answers)).toMatchObject({
      canaryPercent: 10,
      pauseStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      pauseTimeoutAction: 'ROLLBACK',
    });
  });

  it('says why a pause stage or a percent is refused, on its own field', () => {
    const { form, answers } = answersOf('canary', {
      pauseStages: 'PRODUCTION_TRAFFIC_SHIFT',
      canaryPercent: '150',
    });
    const errors = form.validate(answers);
    expect(errors[settingFieldId('canary', 'pauseStages')]).toMatch(
      /a PAUSE hook cannot wait at PRODUCTION_TRAFFIC_SHIFT/,
    );
    expect(errors[settingFieldId('canary', 'canaryPercent')]).toBe(
      'canary percent must be at most 100',
    );
  });

  it('linear and blue/green have their own fields', () => {
    const linear = strategyForm('linear')!.fields.map((f) => f.id);
    expect(linear).toContain(settingFieldId('linear', 'stepPercent'));
    expect(linear).not.toContain(settingFieldId('linear', 'canaryPercent'));
    const { form, answers } = answersOf('linear', { stepPercent: '2' });
    expect(form.validate(answers)[settingFieldId('linear', 'stepPercent')]).toBe(
      'step percent must be at least 3',
    );
    expect(strategyForm('blue-green')!.fields.map((f) => f.label)).toContain('Bake time (minutes)');
  });
});
