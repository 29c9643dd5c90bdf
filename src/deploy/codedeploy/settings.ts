import { z } from 'zod';
import type { Service } from '../../aws/types';

/**
 * CodeDeploy blue/green settings. The application and deployment group are found from the
 * service unless named (naming them skips the account-wide search); the deployment config is
 * the group's unless one of the five predefined ECS configs is picked (aws-semantics D.2: ECS
 * linear names end in "Minutes" even for one minute). The container and port are the load
 * balancer's, as the AppSpec must name them. Hooks are `Event=lambda-function` pairs.
 */
export const ECS_DEPLOYMENT_CONFIGS = [
  'CodeDeployDefault.ECSAllAtOnce',
  'CodeDeployDefault.ECSCanary10Percent5Minutes',
  'CodeDeployDefault.ECSCanary10Percent15Minutes',
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
] as const;

/** "Use the deployment group's configuration." */
export const GROUP_DEFAULT_CONFIG = 'group-default';

/** Lifecycle events an ECS AppSpec may hook (Install, AllowTestTraffic, AllowTraffic cannot be). */
export const HOOKABLE_EVENTS = [
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const;
export type HookableEvent = (typeof HOOKABLE_EVENTS)[number];

const hook = z
  .string()
  .regex(
    /^(BeforeInstall|AfterInstall|AfterAllowTestTraffic|BeforeAllowTraffic|AfterAllowTraffic)=\S+$/,
    `a hook is Event=function with Event one of ${HOOKABLE_EVENTS.join(', ')}`,
  );

/** CLI list flags arrive as arrays; a name is their one element. */
const name = z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string());

export const codeDeploySettingsSchema = z.object({
  /** '' = find it from the service. */
  application: name,
  /** '' = find it from the service. */
  deploymentGroup: name,
  deploymentConfig: z.enum([GROUP_DEFAULT_CONFIG, ...ECS_DEPLOYMENT_CONFIGS], {
    error: `deployment config must be ${GROUP_DEFAULT_CONFIG} or one of ${ECS_DEPLOYMENT_CONFIGS.join(', ')}`,
  }),
  containerName: name.pipe(z.string().min(1, 'container name must not be empty')),
  containerPort: z
    .number({ error: 'container port must be a number' })
    .int('container port must be a whole number')
    .min(1, 'container port must be at least 1')
    .max(65535, 'container port must be at most 65535'),
  hooks: z.array(hook).refine((hs) => new Set(hs.map((h) => h.split('=')[0])).size === hs.length, {
    message: 'each lifecycle event takes one hook',
  }),
});

export type CodeDeploySettings = z.infer<typeof codeDeploySettingsSchema>;

/** What the wizard prefills: find the group, use its config, the load balancer's container. */
export function codeDeployDefaults(service: Service): CodeDeploySettings {
  const lb = service.loadBalancers.find((l) => l.containerName && l.containerPort);
  return {
    application: '',
    deploymentGroup: '',
    deploymentConfig: GROUP_DEFAULT_CONFIG,
    containerName: lb?.containerName ?? '',
    containerPort: lb?.containerPort ?? 80,
    hooks: [],
  };
}

/** `["AfterAllowTestTraffic=fn"]` -> `{AfterAllowTestTraffic: "fn"}`. */
export function hookMap(hooks: readonly string[]): Partial<Record<HookableEvent, string>> {
  const out: Partial<Record<HookableEvent, string>> = {};
  for (const h of hooks) {
    const at = h.indexOf('=');
    out[h.slice(0, at) as HookableEvent] = h.slice(at + 1);
  }
  return out;
}
