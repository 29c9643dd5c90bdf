import type { StrategyFlagSet } from './types';

/**
 * ALB weighted canary (albCanarySettingsSchema); names are the settings keys in kebab case, as
 * `equivalentCommand` prints them. The pair names go in as one-item lists (the flag table has
 * no plain-text kind); the schema takes a one-item list as the name.
 */
export const ALB_CANARY_FLAGS: StrategyFlagSet = {
  strategy: 'alb-canary',
  flags: [
    {
      name: 'steps',
      key: 'steps',
      kind: { type: 'list', placeholder: '<10,25,50,100>' },
      description: 'canary percent per step: whole numbers going up, ending at 100',
      defaultText: '10,25,50,100',
    },
    {
      name: 'bake-minutes',
      key: 'bakeMinutes',
      kind: { type: 'number', placeholder: '<minutes>' },
      description: 'how long each step runs before its gates may let it advance',
      defaultText: '5',
    },
    {
      name: 'health-gate',
      key: 'healthGate',
      kind: { type: 'bool' },
      description: 'gate: every canary target healthy (an unhealthy one rolls back)',
      defaultText: 'on',
    },
    {
      name: 'alarms',
      key: 'alarms',
      kind: { type: 'list', placeholder: '<a,b>' },
      description: 'gate: these CloudWatch alarms not in ALARM',
      defaultText: 'none',
    },
    {
      name: 'error-gate',
      key: 'errorGate',
      kind: { type: 'bool' },
      description: "gate: the canary's 5xx rate not above the stable's by more than the margin",
      defaultText: 'on',
    },
    {
      name: 'error-margin-pct',
      key: 'errorMarginPct',
      kind: { type: 'number', placeholder: '<points>' },
      description: 'how many percentage points the canary 5xx rate may exceed the stable one',
      defaultText: '1',
    },
    {
      name: 'min-requests',
      key: 'minRequests',
      kind: { type: 'int', placeholder: '<count>' },
      description:
        'canary requests a step needs before the 5xx gate judges it (until then it waits)',
      defaultText: '50',
    },
    {
      name: 'advance',
      key: 'advance',
      kind: { type: 'choice', placeholder: '<mode>', choices: ['auto', 'manual'] },
      description: 'auto: a baked step with passing gates moves on; manual: it waits for promote',
      defaultText: 'auto',
    },
    {
      name: 'prepare-timeout-minutes',
      key: 'prepareTimeoutMinutes',
      kind: { type: 'number', placeholder: '<minutes>' },
      description:
        'time the canary service has to deploy and turn healthy before the plan rolls back',
      defaultText: '30',
    },
    {
      name: 'canary-service',
      key: 'canaryService',
      kind: { type: 'list', placeholder: '<name>' },
      description: 'the canary service of the pair',
      defaultText: 'found from the listener rules (x / x-canary)',
    },
    {
      name: 'rule-arn',
      key: 'ruleArn',
      kind: { type: 'list', placeholder: '<arn>' },
      description: 'the listener rule that forwards to both target groups',
      defaultText: 'found from the listener rules',
    },
  ],
};
