import { z } from 'zod';
import type { Service } from '../aws/types';

/**
 * Strategy settings, one zod schema each: the wizard's fields and the CLI's flags both
 * validate through these, so what a person reviews is what CI runs.
 */
const percent = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

export const rollingSettingsSchema = z
  .object({
    minimumHealthyPercent: percent(0, 100, 'minimum healthy percent'),
    maximumPercent: percent(100, 200, 'maximum percent'),
    circuitBreaker: z.enum(['rollback', 'on', 'off']),
    alarms: z.array(z.string().min(1)).max(10, 'at most 10 alarms'),
    alarmRollback: z.boolean(),
  })
  .refine((s) => !(s.minimumHealthyPercent === 100 && s.maximumPercent === 100), {
    message: 'minimum healthy 100% with maximum 100% leaves no room to start a new task',
    path: ['maximumPercent'],
  });

export type RollingSettings = z.infer<typeof rollingSettingsSchema>;

/** AWS's defaults, or what the service is configured with now. */
export function rollingDefaults(service: Service): RollingSettings {
  const cfg = service.deploymentConfiguration;
  const cb = cfg.circuitBreaker;
  return {
    minimumHealthyPercent: cfg.minimumHealthyPercent ?? 100,
    maximumPercent: cfg.maximumPercent ?? 200,
    circuitBreaker: !cb ? 'rollback' : !cb.enable ? 'off' : cb.rollback ? 'rollback' : 'on',
    alarms: cfg.alarms?.enable ? cfg.alarms.alarmNames : [],
    alarmRollback: cfg.alarms?.rollback ?? true,
  };
}

/** Zod issues as one line each: `maximum percent: must be at most 200`. */
export function settingsErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message);
}
