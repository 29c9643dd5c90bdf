import { PAUSE_STAGES } from '../../deploy/native/settings';
import type { StrategyFlag, StrategyFlagSet } from './types';

/**
 * ECS-native blue/green, linear and canary (src/deploy/native/settings.ts); names are the
 * settings keys in kebab case, as `equivalentCommand` prints them. Flags shared with other
 * strategies (circuit breaker, alarms) parse the same way as theirs. Ranges are left to the
 * strategy's zod schema: bake times 0-1440 min, canary 0.1-100 %, linear step 3-100 %.
 */
const shared: readonly StrategyFlag[] = [
  {
    name: 'bake-time-in-minutes',
    key: 'bakeTimeInMinutes',
    kind: { type: 'int', placeholder: '<minutes>' },
    description:
      'minutes blue and green both run after production moved, before blue scales in (0-1440)',
    defaultText: "the service's current bake time, else 5",
  },
  {
    name: 'pause-stages',
    key: 'pauseStages',
    kind: { type: 'list', placeholder: '<stages>' },
    description: `lifecycle stages a PAUSE hook waits at until continued (${PAUSE_STAGES.join(', ')}; not the traffic-shift stages themselves); "none" for no pauses`,
    defaultText: "the service's current PAUSE hooks",
  },
  {
    name: 'pause-timeout-minutes',
    key: 'pauseTimeoutMinutes',
    kind: { type: 'int', placeholder: '<minutes>' },
    description: 'how long a pause waits before ECS takes the timeout action (1-1440)',
    defaultText: "the service's current timeout, else 1440",
  },
  {
    name: 'pause-timeout-action',
    key: 'pauseTimeoutAction',
    kind: { type: 'choice', placeholder: '<action>', choices: ['ROLLBACK', 'CONTINUE'] },
    description: 'what ECS does when a pause times out',
    defaultText: "the service's current action, else ROLLBACK",
  },
  {
    name: 'circuit-breaker',
    key: 'circuitBreaker',
    kind: { type: 'choice', placeholder: '<mode>', choices: ['rollback', 'on', 'off'] },
    description: 'stop a deployment whose tasks keep failing, and roll it back',
    defaultText: "the service's current setting, else rollback",
  },
  {
    name: 'alarms',
    key: 'alarms',
    kind: { type: 'list', placeholder: '<a,b>' },
    description:
      'CloudWatch alarms that fail the deployment and roll it back (unless --no-alarm-rollback) when they go to ALARM',
    defaultText: "the service's current alarms",
  },
  {
    name: 'alarm-rollback',
    key: 'alarmRollback',
    kind: { type: 'bool' },
    description: 'roll back when an alarm fires (--no-alarm-rollback: only fail)',
    defaultText: "the service's current setting, else on",
  },
];

export const BLUE_GREEN_FLAGS: StrategyFlagSet = { strategy: 'blue-green', flags: shared };

export const CANARY_FLAGS: StrategyFlagSet = {
  strategy: 'canary',
  flags: [
    ...shared,
    {
      name: 'canary-percent',
      key: 'canaryPercent',
      kind: { type: 'number', placeholder: '<percent>' },
      description: 'share of production the canary gets first, 0.1-100 in steps of 0.1',
      defaultText: "the service's current value, else 5",
    },
    {
      name: 'canary-bake-time-in-minutes',
      key: 'canaryBakeTimeInMinutes',
      kind: { type: 'int', placeholder: '<minutes>' },
      description: 'minutes the canary runs before the rest of production moves (0-1440)',
      defaultText: "the service's current value, else 10",
    },
  ],
};

export const LINEAR_FLAGS: StrategyFlagSet = {
  strategy: 'linear',
  flags: [
    ...shared,
    {
      name: 'step-percent',
      key: 'stepPercent',
      kind: { type: 'number', placeholder: '<percent>' },
      description: 'share of production each step moves, 3-100 in steps of 0.1',
      defaultText: "the service's current value, else 10",
    },
    {
      name: 'step-bake-time-in-minutes',
      key: 'stepBakeTimeInMinutes',
      kind: { type: 'int', placeholder: '<minutes>' },
      description: 'minutes between steps (not after the last one, 0-1440)',
      defaultText: "the service's current value, else 6",
    },
  ],
};
