/**
 * The rollback picker without React: rows of the service's completed deployments (not
 * "revision minus one"), a selection that never lands on what runs now, the note for an
 * INACTIVE revision, and the request a pick becomes — planned with the service's own strategy.
 */
import type { Service } from '../../aws/types';
import type { DeployRequest } from '../../deploy/plan/types';
import type { RollbackCandidate } from '../../deploy/rollback-targets';
import { strategyFit } from '../../deploy/strategy-fit';
import { STRATEGY_LABELS, type StrategyId } from '../../deploy/types';
import { imageLabel, shortDigest, splitImage } from '../../present/labels';
import { ageSince, formatDuration } from '../../present/time';
import { ownStrategy } from '../deploy-wizard/deploy-steps';

export interface PickerRow {
  key: string;
  when: string;
  ranFor: string;
  revision: string;
  image: string;
  status: string;
  current: boolean;
}

/** `v2.14.0 @sha256:0123abcd` for each container, the digest from the revision when known. */
export function candidateImages(c: RollbackCandidate): string {
  return c.images
    .map((i) => {
      const digest = i.digest ?? splitImage(i.image).digest;
      const tag = splitImage(i.image).tag;
      const label = tag ?? imageLabel(i.image);
      return digest && tag ? `${label} ${shortDigest(digest)}` : label;
    })
    .join(', ');
}

export function pickerRows(candidates: readonly RollbackCandidate[], now: number): PickerRow[] {
  return candidates.map((c) => ({
    key: c.serviceDeploymentArn,
    when: `${ageSince(c.finishedAt ?? c.startedAt, now)} ago`,
    ranFor: c.current ? 'running now' : c.ranForMs !== undefined ? formatDuration(c.ranForMs) : '—',
    revision: c.revisionLabel,
    image: candidateImages(c),
    status: c.taskDefinitionStatus,
    current: c.current,
  }));
}

/** The newest deployment the service could go back to (what runs now is not one). */
export function firstSelectable(candidates: readonly RollbackCandidate[]): number | undefined {
  const at = candidates.findIndex((c) => !c.current);
  return at < 0 ? undefined : at;
}

/** The next selectable row from `at` in `delta`'s direction, skipping what runs now. */
export function moveSelection(
  candidates: readonly RollbackCandidate[],
  at: number,
  delta: number,
): number {
  const step = delta < 0 ? -1 : 1;
  let target = at;
  for (let moved = 0; moved < Math.abs(delta);) {
    let probe = target + step;
    while (probe >= 0 && probe < candidates.length && candidates[probe]!.current) probe += step;
    if (probe < 0 || probe >= candidates.length) break;
    target = probe;
    moved += 1;
  }
  return target;
}

/** Why going back to an INACTIVE revision takes a register, or undefined for an ACTIVE one. */
export function inactiveNote(c: RollbackCandidate): string | undefined {
  if (c.taskDefinitionStatus === 'ACTIVE') return undefined;
  return `${c.revisionLabel} is ${c.taskDefinitionStatus}: it was deregistered, so ECS cannot deploy it as is. It will be registered again as a new revision of ${c.taskDefinition.family} with the same content, and that new revision is deployed.`;
}

export type RollbackStrategy = { ok: true; strategy: StrategyId } | { ok: false; reason: string };

/**
 * A finished rollout is undone by deploying the picked revision with the strategy the service
 * is set up for: rolling for ROLLING services, else its own (blue/green, CodeDeploy ...).
 */
export function rollbackStrategy(
  service: Service,
  supported: readonly StrategyId[],
): RollbackStrategy {
  const own = ownStrategy(service);
  const fit = strategyFit(service, own);
  if (!fit.ok) return { ok: false, reason: fit.reason };
  if (!supported.includes(own)) {
    return {
      ok: false,
      reason: `rolling back a ${STRATEGY_LABELS[own]} service is not supported by this build`,
    };
  }
  return { ok: true, strategy: own };
}

export function rollbackRequest(
  cluster: string,
  service: string,
  strategy: StrategyId,
  candidate: RollbackCandidate,
): DeployRequest {
  return {
    cluster,
    service,
    strategy,
    target: { kind: 'revision', taskDefinition: candidate.taskDefinitionArn },
    // the service's own settings: going back should not also change how it deploys
    settings: {},
  };
}
