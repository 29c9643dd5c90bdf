import type { StrategyFlagSet } from './types';

/** ECS rolling update (rollingSettingsSchema); names match `settingsFlags` in command-line.ts. */
export const ROLLING_FLAGS: StrategyFlagSet = {
  strategy: 'rolling',
  flags: [
    {
      name: 'min-healthy-percent',
      key: 'minimumHealthyPercent',
      kind: { type: 'int', placeholder: '<percent>' },
      description: 'tasks that must stay healthy during the update, 0-100',
      defaultText: "the service's current value, else 100",
    },
    {
      name: 'max-percent',
      key: 'maximumPercent',
      kind: { type: 'int', placeholder: '<percent>' },
      description: 'tasks allowed to run during the update, 100-200',
      defaultText: "the service's current value, else 200",
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
  ],
};
