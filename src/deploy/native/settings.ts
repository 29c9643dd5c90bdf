import { z } from 'zod';
import type {
  DeploymentConfiguration,
  LifecycleHook,
  LifecycleStage,
  Service,
} from '../../aws/types';
import type { StrategyId } from '../types';

/**
 * Settings of the ECS-native strategies (aws-semantics C.1), one zod schema per strategy so
 * the wizard and the CLI (`--canary-percent` only for canary, ...) validate the same way.
 * Ranges are AWS's: bake times 0..1440 whole minutes; canaryPercent 0.1..100 and stepPercent
 * 3..100, both in steps of 0.1. PAUSE hooks are flat settings (stages, one timeout and one
 * timeout action for all of them) because that is what a form row and a flag can carry; the
 * service's AWS_LAMBDA hooks are kept as they are.
 */

export type NativeStrategyId = 'blue-green' | 'linear' | 'canary';
export type AwsNativeStrategy = 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

export const AWS_STRATEGY: Readonly<Record<NativeStrategyId, AwsNativeStrategy>> = {
  'blue-green': 'BLUE_GREEN',
  linear: 'LINEAR',
  canary: 'CANARY',
};

export function isNativeStrategy(id: StrategyId): id is NativeStrategyId {
  return id === 'blue-green' || id === 'linear' || id === 'canary';
}

/** Stages a PAUSE hook may wait at (C.1: never at the two traffic-shift stages themselves). */
export const PAUSE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const satisfies readonly LifecycleStage[];

const FORBIDDEN: Readonly<Record<string, string>> = {
  TEST_TRAFFIC_SHIFT: 'POST_TEST_TRAFFIC_SHIFT',
  PRODUCTION_TRAFFIC_SHIFT: 'PRE_PRODUCTION_TRAFFIC_SHIFT or POST_PRODUCTION_TRAFFIC_SHIFT',
};

/** `pre-production-traffic-shift` and `PRE_PRODUCTION_TRAFFIC_SHIFT` name the same stage. */
export function normalizeStage(text: string): string {
  return text.trim().toUpperCase().replace(/-/g, '_');
}

const minutes = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be whole minutes`)
    .min(0, `${what} must be at least 0`)
    .max(1440, `${what} must be at most 1440 (24 hours)`);

const tenths = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`)
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, {
      message: `${what} must be in steps of 0.1 (AWS's precision)`,
    });

/** `none` (the CLI's way to say "no pauses", as an empty list is not printed) is []. */
const noneAsEmpty = (v: unknown) =>
  Array.isArray(v) &&
  v.length === 1 &&
  typeof v[0] === 'string' &&
  v[0].trim().toLowerCase() === 'none'
    ? []
    : v;

const pauseStages = z.preprocess(
  noneAsEmpty,
  z
    .array(z.string().transform(normalizeStage))
    .max(PAUSE_STAGES.length, 'at most one pause per stage')
    .superRefine((stages, ctx) => {
      for (const stage of stages) {
        const instead = FORBIDDEN[stage];
        if (instead) {
          ctx.addIssue({
            code: 'custom',
            message: `a PAUSE hook cannot wait at ${stage}: AWS allows only Lambda hooks on the traffic-shift stages; pause at ${instead} instead`,
          });
        } else if (!(PAUSE_STAGES as readonly string[]).includes(stage)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown lifecycle stage "${stage}": a PAUSE hook can wait at ${PAUSE_STAGES.join(', ')}`,
          });
        }
      }
      if (new Set(stages).size !== stages.length) {
        ctx.addIssue({ code: 'custom', message: 'each pause stage may be named once' });
      }
    }),
);

const common = {
  bakeTimeInMinutes: minutes('bake time'),
  pauseStages,
  pauseTimeoutMinutes: z
    .number({ error: 'pause timeout must be a number' })
    .int('pause timeout must be whole minutes')
    .min(1, 'pause timeout must be at least 1 minute')
    .max(1440, 'pause timeout must be at most 1440 minutes (24 hours)'),
  pauseTimeoutAction: z.enum(['ROLLBACK', 'CONTINUE'], {
    error: 'pause timeout action must be ROLLBACK or CONTINUE',
  }),
  circuitBreaker: z.enum(['rollback', 'on', 'off']),
  alarms: z.array(z.string().min(1)).max(10, 'at most 10 alarms'),
  alarmRollback: z.boolean(),
};

export const blueGreenSettingsSchema = z.object(common);
export const canarySettingsSchema = z.object({
  ...common,
  canaryPercent: tenths('canary percent', 0.1, 100),
  canaryBakeTimeInMinutes: minutes('canary bake time'),
});
export const linearSettingsSchema = z.object({
  ...common,
  stepPercent: tenths('step percent', 3, 100),
  stepBakeTimeInMinutes: minutes('step bake time'),
});

export type BlueGreenSettings = z.infer<typeof blueGreenSettingsSchema>;
export type NativeSettings = BlueGreenSettings &
  Partial<z.infer<typeof canarySettingsSchema> & z.infer<typeof linearSettingsSchema>>;

export function nativeSettingsSchema(strategy: NativeStrategyId) {
  switch (strategy) {
    case 'canary':
      return canarySettingsSchema;
    case 'linear':
      return linearSettingsSchema;
    case 'blue-green':
      return blueGreenSettingsSchema;
  }
}

/**
 * What the service is configured with now where it has it, else AWS's defaults (canary 5 %
 * for 10 min, linear 10 % steps of 6 min, pause timeout 1440 min with ROLLBACK). AWS has no
 * default bake time (BLUE_GREEN requires one); ours is 5 minutes.
 */
export function nativeDefaults(service: Service, strategy: NativeStrategyId): NativeSettings {
  const cfg = service.deploymentConfiguration;
  const cb = cfg.circuitBreaker;
  const pauses = cfg.lifecycleHooks.filter((h) => h.targetType === 'PAUSE');
  const base: NativeSettings = {
    bakeTimeInMinutes: cfg.bakeTimeInMinutes ?? 5,
    pauseStages: pauses.flatMap((h) => h.lifecycleStages),
    pauseTimeoutMinutes: pauses[0]?.timeout?.timeoutInMinutes ?? 1440,
    pauseTimeoutAction: pauses[0]?.timeout?.action ?? 'ROLLBACK',
    circuitBreaker: !cb ? 'rollback' : !cb.enable ? 'off' : cb.rollback ? 'rollback' : 'on',
    alarms: cfg.alarms?.enable ? cfg.alarms.alarmNames : [],
    alarmRollback: cfg.alarms?.rollback ?? true,
  };
  if (strategy === 'canary') {
    return {
      ...base,
      canaryPercent: cfg.canary?.canaryPercent ?? 5,
      canaryBakeTimeInMinutes: cfg.canary?.canaryBakeTimeInMinutes ?? 10,
    };
  }
  if (strategy === 'linear') {
    return {
      ...base,
      stepPercent: cfg.linear?.stepPercent ?? 10,
      stepBakeTimeInMinutes: cfg.linear?.stepBakeTimeInMinutes ?? 6,
    };
  }
  return base;
}

/** The deploymentConfiguration UpdateService sends: the strategy's members, hooks, monitors. */
export function deploymentConfigurationFor(
  strategy: NativeStrategyId,
  s: NativeSettings,
  service: Service,
): Partial<DeploymentConfiguration> & { strategy: AwsNativeStrategy } {
  // Lambda hooks the service has stay as configured; PAUSE hooks are what the settings say
  const kept = service.deploymentConfiguration.lifecycleHooks.filter(
    (h) => h.targetType !== 'PAUSE',
  );
  const pauses: LifecycleHook[] = s.pauseStages.map((stage) => ({
    targetType: 'PAUSE',
    lifecycleStages: [stage as LifecycleStage],
    timeout: { timeoutInMinutes: s.pauseTimeoutMinutes, action: s.pauseTimeoutAction },
  }));
  return {
    strategy: AWS_STRATEGY[strategy],
    bakeTimeInMinutes: s.bakeTimeInMinutes,
    ...(strategy === 'canary'
      ? {
          canary: {
            canaryPercent: s.canaryPercent ?? 5,
            canaryBakeTimeInMinutes: s.canaryBakeTimeInMinutes ?? 10,
          },
        }
      : {}),
    ...(strategy === 'linear'
      ? {
          linear: {
            stepPercent: s.stepPercent ?? 10,
            stepBakeTimeInMinutes: s.stepBakeTimeInMinutes ?? 6,
          },
        }
      : {}),
    lifecycleHooks: [...kept, ...pauses],
    circuitBreaker: {
      enable: s.circuitBreaker !== 'off',
      rollback: s.circuitBreaker === 'rollback',
    },
    alarms: { alarmNames: s.alarms, enable: s.alarms.length > 0, rollback: s.alarmRollback },
  };
}

/** Green's share of production after each step, as ECS moves it (C.2). */
export function productionSteps(strategy: NativeStrategyId, s: NativeSettings): number[] {
  const tenth = (p: number) => Math.round(p * 10) / 10;
  if (strategy === 'canary') {
    const p = tenth(s.canaryPercent ?? 5);
    return p >= 100 ? [100] : [p, 100];
  }
  if (strategy === 'linear') {
    const step = tenth(s.stepPercent ?? 10);
    const out: number[] = [];
    for (let k = 1; tenth(step * k) < 100 && out.length < 1000; k++) out.push(tenth(step * k));
    return [...out, 100];
  }
  return [100];
}
