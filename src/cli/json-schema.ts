import { z } from 'zod';

/**
 * `--output json`: one JSON object per line (NDJSON). This file is the contract; docs/cli-json.md
 * explains it and the tests check every line the binary prints against it. Objects are strict:
 * a field not listed here is a breaking change to discuss, not an accident.
 */

const time = z.iso.datetime({ offset: true });
const outcomeKind = z.enum([
  'SUCCEEDED',
  'FAILED',
  'ROLLED_BACK',
  'TIMED_OUT',
  'PAUSED',
  'STOPPED',
  'IN_PROGRESS',
]);
const strategy = z.enum(['rolling', 'blue-green', 'linear', 'canary', 'codedeploy', 'alb-canary']);

export const messageLine = z.strictObject({
  type: z.literal('message'),
  time,
  /** Stable code, e.g. ECSR_REGISTER_I2001 (engine) or ECSR_CLI_I1001 (this CLI). */
  code: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error', 'result']),
  text: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const deploymentRow = z.strictObject({
  role: z.string(),
  id: z.string(),
  revision: z.string(),
  image: z.string().optional(),
  desired: z.number().int(),
  running: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  rolloutState: z.string().optional(),
});

export const progressLine = z.strictObject({
  type: z.literal('progress'),
  time,
  cluster: z.string(),
  service: z.string(),
  strategy,
  rolloutId: z.string(),
  state: outcomeKind,
  stateLabel: z.string(),
  step: z
    .strictObject({ index: z.number().int(), total: z.number().int(), label: z.string() })
    .optional(),
  deployments: z.array(deploymentRow),
  circuitBreaker: z
    .strictObject({ enabled: z.boolean(), failures: z.number().int(), threshold: z.number().int() })
    .optional(),
  traffic: z.array(
    z.strictObject({
      label: z.string(),
      targetGroup: z.string(),
      weight: z.number().optional(),
      healthy: z.number().int(),
      unhealthy: z.number().int(),
      draining: z.number().int(),
      initial: z.number().int(),
    }),
  ),
  stoppedTasks: z.array(z.strictObject({ reason: z.string(), count: z.number().int() })),
});

export const eventLine = z.strictObject({
  type: z.literal('event'),
  time,
  /** When AWS recorded it (the service event's own time). */
  at: time,
  severity: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});

const check = z.strictObject({
  id: z.string(),
  label: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
});

export const planLine = z.strictObject({
  type: z.literal('plan'),
  time,
  cluster: z.string(),
  service: z.string(),
  strategy,
  currentRevision: z.string(),
  /** `family:<new revision>` when a revision will be registered. */
  nextRevision: z.string(),
  imageChanges: z.array(
    z.strictObject({
      container: z.string(),
      from: z.string(),
      to: z.string(),
      pinned: z.boolean(),
    }),
  ),
  /** Masked: environment values and secret sources never appear. */
  diff: z.array(
    z.strictObject({ marker: z.enum(['+', '-', '~']), path: z.string(), text: z.string() }),
  ),
  checks: z.array(check),
  calls: z.array(
    z.strictObject({ service: z.string(), operation: z.string(), summary: z.string() }),
  ),
  blockers: z.array(z.string()),
  notes: z.array(z.string()),
  protectedService: z.boolean(),
  command: z.string(),
  fingerprint: z.string(),
  /** Where `plan --out` wrote the plan file. */
  file: z.string().optional(),
});

export const serviceLine = z.strictObject({
  type: z.literal('service'),
  time,
  cluster: z.string(),
  name: z.string(),
  status: z.string(),
  controller: z.string(),
  desired: z.number().int(),
  running: z.number().int(),
  pending: z.number().int(),
  revision: z.string(),
  image: z.string(),
  rolloutState: z.string(),
  /** Deployment id (or task set id) of a rollout still in progress. */
  inProgress: z.string().optional(),
});

export const candidateLine = z.strictObject({
  type: z.literal('rollback-candidate'),
  time,
  revision: z.string(),
  taskDefinitionArn: z.string(),
  current: z.boolean(),
  finishedAt: time.optional(),
  images: z.array(z.string()),
});

export const resultLine = z.strictObject({
  type: z.literal('result'),
  time,
  command: z.enum(['deploy', 'plan', 'status', 'watch', 'promote', 'rollback', 'abort']),
  /**
   * A rollout outcome, or how the run ended otherwise: USAGE_ERROR (2), ACCESS_DENIED (7),
   * INTERRUPTED (130), CANCELLED (declined at the prompt, 6), ERROR (1), NONE (nothing ran, 0).
   */
  outcome: z.union([
    outcomeKind,
    z.enum(['USAGE_ERROR', 'ACCESS_DENIED', 'INTERRUPTED', 'CANCELLED', 'ERROR', 'NONE']),
  ]),
  reason: z.string(),
  hint: z.string().optional(),
  trigger: z
    .enum(['circuit-breaker', 'alarm', 'hook', 'health', 'operator', 'gate', 'timeout', 'unknown'])
    .optional(),
  exitCode: z.number().int(),
  cluster: z.string().optional(),
  service: z.string().optional(),
  strategy: strategy.optional(),
  deploymentId: z.string().optional(),
  /** `family:revision` the rollout targets. */
  revision: z.string().optional(),
  taskDefinitionArn: z.string().optional(),
  startedAt: time.optional(),
  finishedAt: time.optional(),
  /** From the rollout's start to its end (or to now when it has not ended), as AWS reports it. */
  durationMs: z.number().int().optional(),
  /** How long this command waited. */
  waitedMs: z.number().int().optional(),
  /**
   * Interrupted, timed out or paused: what still runs on AWS. The rollout was not stopped.
   */
  running: z
    .strictObject({
      deploymentId: z.string(),
      state: outcomeKind,
      stateLabel: z.string(),
      deployments: z.array(deploymentRow),
    })
    .optional(),
  /** Commands to carry on: watch it, roll it back, promote it. */
  next: z.array(z.string()).optional(),
});

export const jsonLine = z.discriminatedUnion('type', [
  messageLine,
  progressLine,
  eventLine,
  planLine,
  serviceLine,
  candidateLine,
  resultLine,
]);

export type JsonLine = z.infer<typeof jsonLine>;
export type MessageLine = z.infer<typeof messageLine>;
export type ProgressLine = z.infer<typeof progressLine>;
export type EventLine = z.infer<typeof eventLine>;
export type PlanLine = z.infer<typeof planLine>;
export type ServiceLine = z.infer<typeof serviceLine>;
export type CandidateLine = z.infer<typeof candidateLine>;
export type ResultLine = z.infer<typeof resultLine>;
export type CommandName = ResultLine['command'];

/** Lines without the envelope time, as commands build them. */
export type Body<T> = T extends unknown ? Omit<T, 'time'> : never;
