import { revisionLabel } from '../revision-label';
import type { StageRow } from '../types';
import type { Observation } from './context';
import { bakeEndsAt } from './drive';
import type { GateVerdict } from './gates';
import type { PlanState, PromotePhase } from './state';

// The plan as stages: PREPARE, one per step (with its bake countdown), PROMOTE.

export function planStages(
  s: PlanState,
  obs: Observation | undefined,
  verdict: GateVerdict,
): StageRow[] {
  const rows: StageRow[] = [prepareStage(s, obs)];
  const where = position(s);
  s.steps.forEach((percent, i) => {
    const row: StageRow = { name: `${percent}%`, state: 'pending' };
    if (where.stage === 'steps' && i === s.stepIndex) {
      row.state = where.failed ? 'failed' : 'current';
      const end = bakeEndsAt(s);
      if (end && !where.failed) row.endsAt = end;
      row.detail = stepDetail(s, obs, verdict);
    } else if (
      i < s.stepIndex ||
      (where.stage === 'promote' && i <= s.stepIndex) ||
      where.stage === 'done'
    ) {
      row.state = 'done';
    } else if (where.failed || s.status === 'rolled-back') {
      row.state = 'skipped';
    }
    rows.push(row);
  });
  const promote: StageRow = { name: 'PROMOTE', state: 'pending' };
  if (where.stage === 'promote') {
    promote.state = where.failed ? 'failed' : 'current';
    promote.detail = promoteDetail(s.phase, s);
  } else if (where.stage === 'done') {
    promote.state = 'done';
  } else if (s.status === 'rolled-back') {
    promote.state = 'skipped';
  }
  rows.push(promote);
  return rows;
}

/** Which stage the plan is at, and whether it ended there by rolling back. */
function position(s: PlanState): {
  stage: 'prepare' | 'steps' | 'promote' | 'done';
  failed: boolean;
} {
  const failed = s.status === 'rolled-back' || s.status === 'rolling-back';
  if (s.status === 'done') return { stage: 'done', failed: false };
  const promoting =
    s.status === 'promoting' ||
    (s.status === 'paused' && s.pause?.from === 'promoting') ||
    (failed && s.phase !== undefined);
  if (promoting) return { stage: 'promote', failed };
  if (s.stepIndex < 0) return { stage: 'prepare', failed };
  return { stage: 'steps', failed };
}

function prepareStage(s: PlanState, obs: Observation | undefined): StageRow {
  const where = position(s);
  const name = 'PREPARE';
  if (where.stage !== 'prepare')
    return { name, state: 'done', detail: `canary on ${revisionLabel(s.newRevision)}` };
  if (where.failed) return { name, state: 'failed', detail: s.note ?? 'rolled back' };
  const deployment = obs?.canary.deployments.find((d) => d.id === s.deploymentId);
  const detail = deployment
    ? `deploying ${revisionLabel(s.newRevision)} to ${s.canaryService}: ${deployment.runningCount}/${deployment.desiredCount} running, ${deployment.rolloutState ?? 'IN_PROGRESS'}`
    : `deploying ${revisionLabel(s.newRevision)} to ${s.canaryService}`;
  return {
    name,
    state: 'current',
    detail,
    endsAt: new Date(s.startedAt.getTime() + s.prepareTimeoutMinutes * 60_000),
  };
}

function stepDetail(s: PlanState, obs: Observation | undefined, verdict: GateVerdict): string {
  if (s.status === 'rolled-back' || s.status === 'rolling-back') return s.note ?? 'rolled back';
  if (s.status === 'paused') return s.note ?? 'paused';
  const end = bakeEndsAt(s);
  const baking = end && obs ? obs.at.getTime() < end.getTime() : true;
  if (baking) return `bake ${s.bakeMinutes} min`;
  const waiting = verdict.rows.find((r) => r.status === 'pending');
  if (waiting) return `baked; gate "${waiting.name}": ${waiting.detail}`;
  if (s.advance === 'manual') return 'baked, gates pass: press p for the next step';
  return 'baked, gates pass: advancing';
}

function promoteDetail(phase: PromotePhase | undefined, s: PlanState): string {
  switch (phase) {
    case 'to-full':
      return 'canary to 100%';
    case 'stable-deploy':
      return `${s.stableService} gets ${revisionLabel(s.newRevision)}`;
    case 'stable-wait':
      return `waiting for ${s.stableService} to deploy and turn healthy`;
    case 'to-stable':
      return `weights back to ${s.stableService} 100, ${s.canaryService} to its previous revision`;
    case undefined:
      return s.note ?? '';
  }
}
