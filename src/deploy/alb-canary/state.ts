/**
 * The plan of an ALB weighted canary as it lives on the listener rule's tags. The tags are the
 * single source of truth: any client (this TUI, another operator, a CI job, a client restarted
 * after a crash) reads them, continues from exactly there, and writes them back after each change.
 */

export type PlanStatus =
  'preparing' | 'running' | 'paused' | 'promoting' | 'rolling-back' | 'done' | 'rolled-back';

/** Why a plan is paused: space (manual), `a` (abort: hold, nothing automatic), someone else's weights. */
export type PauseReason = 'manual' | 'abort' | 'conflict';

/** What a paused plan was doing, to go back to on resume. */
export type PausedFrom = 'preparing' | 'running' | 'promoting';

/**
 * Promotion: weights to canary 100, then the stable service gets the new revision (rolling)
 * and turns healthy, then weights go back to stable 100 and the canary service returns to its
 * previous revision.
 */
export type PromotePhase = 'to-full' | 'stable-deploy' | 'stable-wait' | 'to-stable';

export type RollbackTrigger = 'gate' | 'operator' | 'timeout' | 'deployment';

export interface Weights {
  stable: number;
  canary: number;
}

export interface GateConfig {
  health: boolean;
  alarms: string[];
  errors: boolean;
  errorMarginPct: number;
  minRequests: number;
}

export interface PlanState {
  id: string;
  cluster: string;
  stableService: string;
  canaryService: string;
  /** Canary percent per step, ending at 100. */
  steps: number[];
  bakeMinutes: number;
  advance: 'auto' | 'manual';
  prepareTimeoutMinutes: number;
  gates: GateConfig;
  /** -1 while the canary service is being prepared; then an index into `steps`. */
  stepIndex: number;
  stepStartedAt?: Date;
  startedAt: Date;
  startedBy: string;
  status: PlanStatus;
  pause?: { reason: PauseReason; from: PausedFrom };
  phase?: PromotePhase;
  trigger?: RollbackTrigger;
  /** While rolling back: the stable service had started onto the new revision and goes back too. */
  revertStable?: boolean;
  /** Task definition ARN the canary runs (and the stable gets on promotion). */
  newRevision: string;
  previousCanaryRevision: string;
  previousStableRevision: string;
  /** The ECS deployment the plan waits on: the canary's while preparing, the stable's while promoting. */
  deploymentId?: string;
  /** What this plan last wrote to the rule (or found there at the start). */
  lastWritten: Weights;
  /** When a client last drove the plan. */
  lastTick?: Date;
  /** Why it paused, rolled back or ended; shown to whoever attaches. */
  note?: string;
  finishedAt?: Date;
}

export function isFinalStatus(status: PlanStatus): boolean {
  return status === 'done' || status === 'rolled-back';
}

/** Canary percent (0..100) mapped to ELBv2 weights (integers, well under the 999 limit). */
export function weightsFor(canaryPercent: number): Weights {
  const canary = Math.max(0, Math.min(100, Math.round(canaryPercent)));
  return { stable: 100 - canary, canary };
}

/** The canary's share of new connections, in percent; undefined when both weights are 0. */
export function canaryShare(w: Weights): number | undefined {
  const total = w.stable + w.canary;
  return total > 0 ? Math.round((w.canary / total) * 1000) / 10 : undefined;
}

export function sameWeights(a: Weights, b: Weights): boolean {
  return a.stable === b.stable && a.canary === b.canary;
}

export function formatWeights(w: Weights): string {
  return `${w.stable}/${w.canary}`;
}
