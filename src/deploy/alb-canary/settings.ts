import { z } from 'zod';

/**
 * ALB weighted canary settings. The wizard's fields and the CLI's flags both validate through
 * this schema (keys become kebab flags: `--steps 10,25,50,100 --bake-minutes 5 ...`).
 */

export const DEFAULT_STEPS: readonly number[] = [10, 25, 50, 100];

/** A step list as the CLI gives it ("10,25,50,100") or as the wizard does ([10, 25, 50, 100]). */
const stepList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? splitSteps(value)
      : Array.isArray(value)
        ? value.map((v) => (typeof v === 'string' ? numberOrText(v) : (v as unknown)))
        : value,
  z.array(z.unknown(), { error: 'steps must be a list of percents, e.g. 10,25,50,100' }),
);

function splitSteps(text: string): unknown[] {
  return text
    .split(/[,\s]+/)
    .filter((w) => w !== '')
    .map(numberOrText);
}

function numberOrText(word: string): unknown {
  const w = word.trim();
  return /^-?\d+(\.\d+)?$/.test(w) ? Number(w) : w;
}

/** A name the CLI may hand over as a one-item list (its flag table has no plain-text kind). */
function oneName<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v), schema);
}

/** Every problem with a step list, one clear line each; [] when it is a valid plan. */
export function stepProblems(steps: readonly unknown[]): string[] {
  if (steps.length === 0) return ['give at least one step; the last one must be 100'];
  const problems: string[] = [];
  steps.forEach((s, i) => {
    const at = `step ${i + 1}`;
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      problems.push(
        `${at} "${String(s)}" is not a number: give whole percents such as 10,25,50,100`,
      );
    } else if (!Number.isInteger(s)) {
      problems.push(`${at} is ${s}: steps are whole percents (1 to 100), no fractions`);
    } else if (s > 100) {
      problems.push(`${at} is ${s}: a step cannot send more than 100% to the canary`);
    } else if (s < 1) {
      problems.push(
        `${at} is ${s}: a step sends 1 to 100% to the canary (weights stay at stable 100 until the first step)`,
      );
    }
  });
  if (problems.length > 0) return problems;
  const nums = steps as number[];
  for (let i = 1; i < nums.length; i++) {
    if (nums[i]! <= nums[i - 1]!) {
      problems.push(
        `steps must go up: step ${i + 1} (${nums[i]}) is not above step ${i} (${nums[i - 1]})`,
      );
    }
  }
  const last = nums[nums.length - 1]!;
  if (last !== 100) {
    problems.push(
      `the plan must reach 100: the last step is ${last}; add 100 so the canary takes all traffic before it is promoted`,
    );
  }
  return problems;
}

export const albCanarySettingsSchema = z.object({
  /** Canary percent per step: strictly increasing whole numbers 1..100 ending at 100. */
  steps: stepList.superRefine((steps, ctx) => {
    for (const message of stepProblems(steps)) ctx.addIssue({ code: 'custom', message });
  }) as unknown as z.ZodType<number[]>,
  /** Minutes each step bakes before its gates may let it advance. */
  bakeMinutes: z
    .number({ error: 'bake minutes must be a number' })
    .min(0, 'bake minutes must be 0 or more')
    .max(24 * 60, 'bake minutes must be at most 1440 (a day) per step'),
  /** Gate: every registered canary target is healthy. */
  healthGate: z.boolean(),
  /** Gate: none of these CloudWatch alarms is in ALARM. */
  alarms: z.array(z.string().min(1, 'an alarm name cannot be empty')).max(10, 'at most 10 alarms'),
  /** Gate: canary 5xx rate at most the stable's plus `errorMarginPct` percentage points. */
  errorGate: z.boolean(),
  errorMarginPct: z
    .number({ error: 'error margin must be a number of percentage points' })
    .min(0, 'error margin must be 0 or more percentage points')
    .max(100, 'error margin must be at most 100 percentage points'),
  /** Canary requests needed in a step before the 5xx gate judges it (until then it waits). */
  minRequests: z
    .number({ error: 'minimum requests must be a number' })
    .int('minimum requests must be a whole number')
    .min(0, 'minimum requests must be 0 or more'),
  /** auto: a step that baked with its gates passing moves on; manual: it waits for `p`. */
  advance: z.enum(['auto', 'manual'], { error: 'advance must be auto or manual' }),
  /** Minutes the canary service may take to deploy and turn healthy before the plan rolls back. */
  prepareTimeoutMinutes: z
    .number({ error: 'prepare timeout must be a number of minutes' })
    .positive('prepare timeout must be more than 0 minutes'),
  /** The pair, named explicitly; found from the listener rules when left out. */
  canaryService: oneName(z.string().min(1, 'the canary service name cannot be empty')).optional(),
  ruleArn: oneName(
    z.string().regex(/^arn:aws[\w-]*:elasticloadbalancing:[^:]*:\d*:listener-rule\//, {
      message:
        'rule ARN must be an ELBv2 listener-rule ARN (arn:aws:elasticloadbalancing:...:listener-rule/...)',
    }),
  ).optional(),
});

export type AlbCanarySettings = z.infer<typeof albCanarySettingsSchema>;

export const albCanaryDefaults: AlbCanarySettings = {
  steps: [...DEFAULT_STEPS],
  bakeMinutes: 5,
  healthGate: true,
  alarms: [],
  errorGate: true,
  errorMarginPct: 1,
  minRequests: 50,
  advance: 'auto',
  prepareTimeoutMinutes: 30,
};

/** Validates settings over the defaults; throws nothing, returns messages instead. */
export function parseAlbCanarySettings(
  input: Record<string, unknown>,
): { ok: true; settings: AlbCanarySettings } | { ok: false; errors: string[] } {
  const parsed = albCanarySettingsSchema.safeParse({
    ...albCanaryDefaults,
    ...stripUndefined(input),
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => i.message),
  };
}

function stripUndefined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
