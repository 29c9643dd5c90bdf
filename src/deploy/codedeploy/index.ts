/**
 * CodeDeploy blue/green for ECS services (deployment controller CODE_DEPLOY): plan (the group
 * found from the service, the AppSpec, the checks), apply (CreateDeployment) and a controller
 * that follows the deployment and carries out p / P / R / a.
 */
export { applyCodeDeploy } from './apply';
export { attachCodeDeploy } from './attach';
export { CodeDeployController, type CodeDeployRef } from './controller';
export { planCodeDeploy } from './plan';
export {
  codeDeployDefaults,
  codeDeploySettingsSchema,
  ECS_DEPLOYMENT_CONFIGS,
  GROUP_DEFAULT_CONFIG,
  type CodeDeploySettings,
} from './settings';
