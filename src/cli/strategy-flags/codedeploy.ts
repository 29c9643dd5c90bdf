import { ECS_DEPLOYMENT_CONFIGS, GROUP_DEFAULT_CONFIG } from '../../deploy/codedeploy/settings';
import type { StrategyFlagSet } from './types';

/**
 * CodeDeploy blue/green (codeDeploySettingsSchema); names are the settings keys in kebab case,
 * as `equivalentCommand` prints them. Names (application, group, container) are one-element
 * `list` flags: the kinds have no plain text one, and none of these names may hold a comma.
 */
export const CODEDEPLOY_FLAGS: StrategyFlagSet = {
  strategy: 'codedeploy',
  flags: [
    {
      name: 'application',
      key: 'application',
      kind: { type: 'list', placeholder: '<name>' },
      description: 'CodeDeploy application (with --deployment-group: no search of the account)',
      defaultText: 'found from the service',
    },
    {
      name: 'deployment-group',
      key: 'deploymentGroup',
      kind: { type: 'list', placeholder: '<name>' },
      description: 'CodeDeploy deployment group that deploys the service',
      defaultText: 'found from the service',
    },
    {
      name: 'deployment-config',
      key: 'deploymentConfig',
      kind: {
        type: 'choice',
        placeholder: '<config>',
        choices: [GROUP_DEFAULT_CONFIG, ...ECS_DEPLOYMENT_CONFIGS],
      },
      description: 'how production traffic moves: all at once, canary or linear',
      defaultText: `${GROUP_DEFAULT_CONFIG} (the deployment group's configuration)`,
    },
    {
      name: 'container-name',
      key: 'containerName',
      kind: { type: 'list', placeholder: '<name>' },
      description: 'container the load balancer sends traffic to (AppSpec ContainerName)',
      defaultText: "the service's load balancer container",
    },
    {
      name: 'container-port',
      key: 'containerPort',
      kind: { type: 'int', placeholder: '<port>' },
      description: 'its port (AppSpec ContainerPort)',
      defaultText: "the service's load balancer port",
    },
    {
      name: 'hooks',
      key: 'hooks',
      kind: { type: 'list', placeholder: '<Event=fn,...>' },
      description:
        'AppSpec Lambda hooks, e.g. AfterAllowTestTraffic=smoke-test (BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic)',
      defaultText: 'none',
    },
  ],
};
