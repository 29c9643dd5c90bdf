/**
 * The settings steps of CodeDeploy blue/green and the ALB weighted canary, declared for
 * `defineStrategyForm` from their zod schemas (src/deploy/codedeploy/settings.ts,
 * src/deploy/alb-canary/settings.ts), with the service's values or the defaults prefilled.
 * Only types come from strategy-forms.ts, so the two files do not load each other.
 */
import { albCanaryDefaults, albCanarySettingsSchema } from '../../deploy/alb-canary';
import {
  codeDeployDefaults,
  codeDeploySettingsSchema,
  ECS_DEPLOYMENT_CONFIGS,
  GROUP_DEFAULT_CONFIG,
} from '../../deploy/codedeploy';
import type { defineStrategyForm } from './strategy-forms';

type FormSpec = Parameters<typeof defineStrategyForm>[0];

const codeDeploy: FormSpec = {
  strategy: 'codedeploy',
  schema: codeDeploySettingsSchema,
  defaults: codeDeployDefaults,
  settings: [
    {
      key: 'deploymentConfig',
      label: 'Deployment config',
      help: 'how traffic moves to green; the group default is what the deployment group names',
      edit: {
        kind: 'cycle',
        choices: [
          { value: GROUP_DEFAULT_CONFIG, label: "the deployment group's" },
          ...ECS_DEPLOYMENT_CONFIGS.map((c) => ({
            value: c,
            label: c.replace('CodeDeployDefault.ECS', ''),
          })),
        ],
      },
    },
    {
      key: 'containerName',
      label: 'Container',
      help: 'the container the load balancer sends traffic to (the AppSpec names it)',
      edit: { kind: 'text' },
    },
    {
      key: 'containerPort',
      label: 'Container port',
      edit: { kind: 'number' },
    },
    {
      key: 'application',
      label: 'Application',
      help: 'empty: found from the service (naming it skips the search)',
      edit: { kind: 'text', placeholder: 'found from the service' },
    },
    {
      key: 'deploymentGroup',
      label: 'Deployment group',
      help: 'empty: found from the service',
      edit: { kind: 'text', placeholder: 'found from the service' },
    },
    {
      key: 'hooks',
      label: 'Lifecycle hooks',
      help: 'Event=lambda-function pairs, comma-separated (e.g. AfterAllowTestTraffic=smoke-test)',
      edit: { kind: 'list', placeholder: 'none' },
    },
  ],
};

const albCanary: FormSpec = {
  strategy: 'alb-canary',
  schema: albCanarySettingsSchema,
  defaults: () => albCanaryDefaults,
  settings: [
    {
      key: 'steps',
      label: 'Steps (canary %)',
      help: 'percent of traffic to the canary at each step, going up, ending at 100',
      edit: { kind: 'list' },
    },
    {
      key: 'bakeMinutes',
      label: 'Bake per step (minutes)',
      help: 'how long each step runs before its gates may let it advance',
      edit: { kind: 'number' },
    },
    {
      key: 'advance',
      label: 'Advance',
      edit: {
        kind: 'cycle',
        choices: [
          { value: 'auto', label: 'by itself once the gates pass' },
          { value: 'manual', label: 'only on p' },
        ],
      },
    },
    { key: 'healthGate', label: 'Gate: targets healthy', edit: { kind: 'toggle' } },
    {
      key: 'errorGate',
      label: 'Gate: 5xx rate',
      help: "the canary's 5xx rate at most the stable's plus the margin",
      edit: { kind: 'toggle' },
    },
    {
      key: 'errorMarginPct',
      label: '5xx margin (points)',
      edit: { kind: 'number' },
      showWhen: (values) => values['errorGate'] === true,
    },
    {
      key: 'minRequests',
      label: 'Requests before judging',
      edit: { kind: 'number' },
      showWhen: (values) => values['errorGate'] === true,
    },
    {
      key: 'alarms',
      label: 'Gate: alarms OK',
      help: 'CloudWatch alarm names, comma-separated; any in ALARM rolls the canary back',
      edit: { kind: 'list', placeholder: 'none' },
    },
    {
      key: 'prepareTimeoutMinutes',
      label: 'Prepare timeout (minutes)',
      help: 'how long the canary service may take to deploy and turn healthy',
      edit: { kind: 'number' },
    },
  ],
};

export const OTHER_FORM_SPECS: readonly FormSpec[] = [codeDeploy, albCanary];
