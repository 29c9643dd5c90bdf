import type { ConfirmRequest, IoHost } from './io-host';
import type { Outcome, OutcomeKind } from './outcome';

/** The strategies, named as the CLI's `--strategy` takes them. */
export type StrategyId =
  'rolling' | 'blue-green' | 'linear' | 'canary' | 'codedeploy' | 'alb-canary';

export const STRATEGY_LABELS: Readonly<Record<StrategyId, string>> = {
  rolling: 'Rolling update',
  'blue-green': 'ECS blue/green',
  linear: 'ECS linear',
  canary: 'ECS canary',
  codedeploy: 'CodeDeploy blue/green',
  'alb-canary': 'ALB weighted canary',
};

/** What to deploy: new images for some containers, or an existing revision. */
export type DeployTarget =
  | {
      kind: 'image';
      /** container name (optional when the task definition has one container) and image reference */
      images: { container?: string; ref: string }[];
      /** Resolve tags to digests through ECR and register the digest (default true). */
      pinDigest: boolean;
    }
  | { kind: 'revision'; taskDefinition: string };

/** One line of a review: a preflight check and how it came out. */
export interface PreflightCheck {
  id: string;
  label: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

/** An AWS call the plan will make, shown in the review before anything happens. */
export interface PlannedCall {
  service: string;
  operation: string;
  summary: string;
}

/** A line of a task definition diff (values of environment and secrets never appear). */
export type { DiffLine } from '../present/task-definition-diff';

/** A set of target groups with weights, as written (set) and as read back from the listener. */
export interface TrafficRow {
  label: string;
  targetGroupArn: string;
  targetGroupName: string;
  /** Percent of traffic this group should get, as the rollout set it. */
  setWeight?: number;
  /** Percent as read back from the listener rule right now. */
  actualWeight?: number;
  healthy: number;
  unhealthy: number;
  draining: number;
  initial: number;
  /** Which listener/rule this row is about: production or test. */
  route?: 'production' | 'test';
}

export interface RolloutDeploymentRow {
  /** PRIMARY / ACTIVE for deployments, Blue / Green for task sets, stable / canary for ALB pairs. */
  role: string;
  id: string;
  status: string;
  taskDefinitionArn: string;
  revisionLabel: string;
  image?: string;
  desired: number;
  running: number;
  pending: number;
  failed: number;
  rolloutState?: string;
}

export interface StageRow {
  name: string;
  state: 'done' | 'current' | 'pending' | 'failed' | 'skipped';
  detail?: string;
  /** A countdown (bake time, step bake, wait) ending at this time. */
  endsAt?: Date;
}

export interface HookRow {
  hookId: string;
  stage?: string;
  status: string;
  expiresAt?: Date;
  timeoutAction?: string;
}

export interface GateRow {
  name: string;
  status: 'pass' | 'fail' | 'pending';
  detail: string;
}

export interface MetricRow {
  label: string;
  requests: number[];
  errors5xx: number[];
}

export type RolloutActionId = 'promote' | 'promoteFull' | 'rollback' | 'abort' | 'togglePause';

export type ActionAvailability =
  | { available: true; label: string; confirm: ConfirmRequest }
  | { available: false; label: string; reason: string };

/**
 * One snapshot of a rollout, the same shape for every strategy: the monitor screen draws it,
 * `ecs-rollout watch` prints it, tests assert on it.
 */
export interface RolloutView {
  strategy: StrategyId;
  cluster: string;
  service: string;
  /** Deployment id, service-deployment ARN, CodeDeploy id, or canary plan id. */
  rolloutId: string;
  state: OutcomeKind;
  /** Set once the rollout is final or paused. */
  outcome?: Outcome;
  /** Short state text, e.g. `IN_PROGRESS · SCALE_UP`. */
  stateLabel: string;
  step?: { index: number; total: number; label: string };
  startedAt?: Date;
  finishedAt?: Date;
  startedBy?: string;
  targetTaskDefinitionArn?: string;
  deployments: RolloutDeploymentRow[];
  circuitBreaker?: { enabled: boolean; failures: number; threshold: number };
  traffic: TrafficRow[];
  stages: StageRow[];
  hooks: HookRow[];
  gates: GateRow[];
  metrics: MetricRow[];
  /** Newest first, bounded. */
  events: { at: Date; message: string; severity: 'info' | 'warn' | 'error' }[];
  stoppedTasks: { reason: string; count: number }[];
  actions: Record<RolloutActionId, ActionAvailability>;
  fetchedAt: Date;
}

export interface ActionResult {
  ok: boolean;
  /** What happened, truthfully: "rollback requested; ECS is moving back to ...". */
  message: string;
}

/** A rollout being watched (and possibly driven) by this client. */
export interface RolloutController {
  readonly strategy: StrategyId;
  /** True when this client drives the rollout (ALB canary): leaving must ask what to do. */
  readonly clientDriven: boolean;
  /** Reads AWS (a small, fixed number of calls) and, if client-driven, advances the plan. */
  poll(signal?: AbortSignal): Promise<RolloutView>;
  act(action: RolloutActionId, io: IoHost, signal?: AbortSignal): Promise<ActionResult>;
  /**
   * Makes the next poll read AWS even when a recent answer is kept (CodeDeploy's 5 s floor):
   * before an action, what another operator did must show.
   */
  invalidate?(): void;
}
