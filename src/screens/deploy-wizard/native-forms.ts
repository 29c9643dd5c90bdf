/**
 * The settings step of the ECS-native strategies (blue/green, linear, canary), declared for
 * `defineStrategyForm` (strategy-forms.ts builds them; only types are imported from there, so
 * the two files do not load each other). Fields follow the zod schemas in
 * src/deploy/native/settings.ts, with the service's values or AWS's defaults prefilled. PAUSE
 * hooks are a list of stages plus one timeout and one timeout action for all of them; those
 * fields are always shown, as a field hidden when the step opens gets no default.
 */
import {
  blueGreenSettingsSchema,
  canarySettingsSchema,
  linearSettingsSchema,
  nativeDefaults,
  PAUSE_STAGES,
} from '../../deploy/native';
import type { defineStrategyForm, SettingSpec } from './strategy-forms';

type FormSpec = Parameters<typeof defineStrategyForm>[0];

const common: readonly SettingSpec[] = [
  {
    key: 'bakeTimeInMinutes',
    label: 'Bake time (minutes)',
    help: 'blue and green both run this long after production moved, so a rollback is instant (0-1440)',
    edit: { kind: 'number' },
  },
  {
    key: 'pauseStages',
    label: 'Pause at stages',
    help: `PAUSE hooks: ECS waits at each until you continue (p) or roll back (R); ${PAUSE_STAGES.join(', ')}`,
    edit: { kind: 'list', placeholder: 'none (e.g. PRE_PRODUCTION_TRAFFIC_SHIFT)' },
  },
  {
    key: 'pauseTimeoutMinutes',
    label: 'Pause timeout (minutes)',
    help: 'how long a pause waits for you before ECS takes the timeout action (1-1440)',
    edit: { kind: 'number' },
  },
  {
    key: 'pauseTimeoutAction',
    label: 'At timeout',
    edit: {
      kind: 'cycle',
      choices: [
        { value: 'ROLLBACK', label: 'roll back' },
        { value: 'CONTINUE', label: 'continue' },
      ],
    },
  },
  {
    key: 'circuitBreaker',
    label: 'Circuit breaker',
    help: 'failing green tasks stop the deployment; rollback sends traffic back to blue',
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
    help: 'alarm names, comma-separated; watched through the traffic steps and the bake',
    edit: { kind: 'list', placeholder: 'none (e.g. web-5xx, web-latency)' },
  },
  {
    key: 'alarmRollback',
    label: 'Roll back on alarm',
    help: 'with alarms set: roll back when one fires (else the deployment only stops)',
    edit: { kind: 'toggle' },
  },
];

export const NATIVE_FORM_SPECS: readonly FormSpec[] = [
  {
    strategy: 'blue-green',
    schema: blueGreenSettingsSchema,
    defaults: (service) => nativeDefaults(service, 'blue-green'),
    settings: common,
  },
  {
    strategy: 'canary',
    schema: canarySettingsSchema,
    defaults: (service) => nativeDefaults(service, 'canary'),
    settings: [
      {
        key: 'canaryPercent',
        label: 'Canary percent',
        help: 'share of production green gets first, 0.1-100 in steps of 0.1',
        edit: { kind: 'number' },
      },
      {
        key: 'canaryBakeTimeInMinutes',
        label: 'Canary bake (minutes)',
        help: 'how long the canary runs before the rest of production moves (0-1440)',
        edit: { kind: 'number' },
      },
      ...common,
    ],
  },
  {
    strategy: 'linear',
    schema: linearSettingsSchema,
    defaults: (service) => nativeDefaults(service, 'linear'),
    settings: [
      {
        key: 'stepPercent',
        label: 'Step percent',
        help: 'share of production each step moves, 3-100 in steps of 0.1',
        edit: { kind: 'number' },
      },
      {
        key: 'stepBakeTimeInMinutes',
        label: 'Step bake (minutes)',
        help: 'wait between steps; none after the last (0-1440)',
        edit: { kind: 'number' },
      },
      ...common,
    ],
  },
];
