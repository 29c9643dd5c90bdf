/**
 * Each strategy's settings step, declared from its zod schema (src/deploy/settings.ts): the
 * fields, their AWS defaults for this service, how typed text becomes the engine's settings,
 * and the schema's own messages as field errors. A strategy plugs in by adding one entry to
 * STRATEGY_FORMS; the wizard's settings step shows whatever fields that entry declares.
 */
import type { z } from 'zod';
import type { Service } from '../../aws/types';
import { rollingDefaults, rollingSettingsSchema } from '../../deploy/settings';
import type { StrategyId } from '../../deploy/types';
import { NATIVE_FORM_SPECS } from './native-forms';
import { OTHER_FORM_SPECS } from './other-forms';
import type { Answers, Choice, FieldDef, FieldValue } from './wizard-model';

/** How one setting is edited and turned back into the engine's value. */
export type SettingKind =
  /** typed as text, parsed as a number (an empty or bad number is left to zod to reject) */
  | { kind: 'number' }
  /** a comma-separated list of names */
  | { kind: 'list'; placeholder?: string }
  /** free text, trimmed; the schema says what empty means (a CodeDeploy group: find it) */
  | { kind: 'text'; placeholder?: string }
  | { kind: 'toggle' }
  | { kind: 'cycle'; choices: readonly Choice[] };

export interface SettingSpec {
  /** The key in the strategy's settings object (and zod path). */
  key: string;
  label: string;
  help?: string;
  edit: SettingKind;
  /** Hidden while this says so, e.g. alarm rollback without alarms. */
  showWhen?: (values: Readonly<Record<string, FieldValue>>) => boolean;
}

export interface StrategyForm {
  strategy: StrategyId;
  fields: readonly FieldDef<{ service: Service }>[];
  /** The settings object the engine takes, from the answers (not yet validated). */
  settings(answers: Answers): Record<string, unknown>;
  /** zod's messages, by field id; empty when the settings are valid. */
  validate(answers: Answers): Record<string, string>;
}

/** The answer key of a strategy's setting: settings of each strategy are kept apart. */
export function settingFieldId(strategy: StrategyId, key: string): string {
  return `${strategy}.${key}`;
}

/**
 * A settings form from a zod schema, a defaults function (AWS defaults, or what the service
 * is configured with now) and the settings to show. This is all a new strategy writes.
 */
export function defineStrategyForm<S extends z.ZodType<Record<string, unknown>>>(spec: {
  strategy: StrategyId;
  schema: S;
  defaults: (service: Service) => z.infer<S>;
  settings: readonly SettingSpec[];
}): StrategyForm {
  const id = (key: string) => settingFieldId(spec.strategy, key);
  const valuesOf = (answers: Answers) =>
    Object.fromEntries(spec.settings.map((s) => [s.key, answers[id(s.key)]]));
  const toSettings = (answers: Answers) =>
    Object.fromEntries(
      spec.settings.map((s) => [s.key, fromAnswer(s.edit, answers[id(s.key)])] as const),
    );
  const fields = spec.settings.map((s): FieldDef<{ service: Service }> => {
    const base = {
      id: id(s.key),
      label: s.label,
      ...(s.help ? { help: s.help } : {}),
      default: ({ service }: { service: Service }) =>
        toAnswer(s.edit, spec.defaults(service)[s.key]),
      ...(s.showWhen ? { showWhen: (answers: Answers) => s.showWhen!(valuesOf(answers)) } : {}),
    };
    switch (s.edit.kind) {
      case 'number':
        return { ...base, kind: 'text' };
      case 'list':
      case 'text':
        return {
          ...base,
          kind: 'text',
          ...(s.edit.placeholder ? { placeholder: s.edit.placeholder } : {}),
        };
      case 'toggle':
        return { ...base, kind: 'toggle' };
      case 'cycle':
        return { ...base, kind: 'cycle', choices: s.edit.choices };
    }
  });
  return {
    strategy: spec.strategy,
    fields,
    settings: toSettings,
    validate(answers) {
      const parsed = spec.schema.safeParse(toSettings(answers));
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        const field = typeof key === 'string' ? id(key) : '';
        errors[field] ??= issue.message;
      }
      return errors;
    },
  };
}

function toAnswer(edit: SettingKind, value: unknown): FieldValue {
  switch (edit.kind) {
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    case 'list':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'toggle':
      return value === true;
    case 'cycle':
      return typeof value === 'string' ? value : edit.choices[0]?.value;
  }
}

function fromAnswer(edit: SettingKind, value: FieldValue): unknown {
  switch (edit.kind) {
    case 'number': {
      const text = typeof value === 'string' ? value.trim() : '';
      // '' and '5O' become NaN, which the schema rejects with its own "must be a number"
      return text === '' ? Number.NaN : Number(text);
    }
    case 'list':
      return typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : [];
    case 'text':
      return typeof value === 'string' ? value.trim() : '';
    case 'toggle':
      return value === true;
    case 'cycle':
      return value;
  }
}

const rolling = defineStrategyForm({
  strategy: 'rolling',
  schema: rollingSettingsSchema,
  defaults: rollingDefaults,
  settings: [
    {
      key: 'minimumHealthyPercent',
      label: 'Minimum healthy percent',
      help: 'tasks that must keep running during the update, as a percent of desired (0-100)',
      edit: { kind: 'number' },
    },
    {
      key: 'maximumPercent',
      label: 'Maximum percent',
      help: 'tasks allowed to run at once, old and new, as a percent of desired (100-200)',
      edit: { kind: 'number' },
    },
    {
      key: 'circuitBreaker',
      label: 'Circuit breaker',
      help: 'stop a deployment whose tasks keep failing; rollback returns to the last completed one',
      edit: {
        kind: 'cycle',
        choices: [
          { value: 'rollback', label: 'on, roll back' },
          { value: 'on', label: 'on, no rollback' },
          { value: 'off', label: 'off' },
        ],
      },
    },
    {
      key: 'alarms',
      label: 'CloudWatch alarms',
      help: 'alarm names, comma-separated; the deployment fails when one goes to ALARM',
      edit: { kind: 'list', placeholder: 'none (e.g. api-5xx, api-latency)' },
    },
    {
      key: 'alarmRollback',
      label: 'Roll back on alarm',
      edit: { kind: 'toggle' },
      showWhen: (values) => typeof values['alarms'] === 'string' && values['alarms'].trim() !== '',
    },
  ],
});

/** Settings forms of the strategies that have one; a strategy without an entry skips the step. */
export const STRATEGY_FORMS: Readonly<Partial<Record<StrategyId, StrategyForm>>> = {
  rolling,
  // ECS-native blue/green, linear, canary (native-forms.ts), CodeDeploy and the ALB canary
  ...Object.fromEntries(
    [...NATIVE_FORM_SPECS, ...OTHER_FORM_SPECS].map((spec) => [
      spec.strategy,
      defineStrategyForm(spec),
    ]),
  ),
};

export function strategyForm(strategy: FieldValue): StrategyForm | undefined {
  return typeof strategy === 'string' ? STRATEGY_FORMS[strategy as StrategyId] : undefined;
}
