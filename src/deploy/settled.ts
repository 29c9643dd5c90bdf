import { isFinal } from './outcome';
import type { RolloutView } from './types';

/**
 * Every deployment (or task set, or service of a canary pair) runs what it wants and no more:
 * nothing pending, nothing draining, no rollout still in progress. After a rollback that means
 * the service is back on the old revision; an ALB canary pair settles with both services up.
 */
export function deploymentsSettled(view: RolloutView): boolean {
  return view.deployments.every(
    (d) => d.rolloutState !== 'IN_PROGRESS' && d.running === d.desired && d.pending === 0,
  );
}

/**
 * Nothing more will change: the outcome is final and AWS has finished acting on it. A rollback
 * is known the moment ECS starts it, but the service is only back once the rollback completed,
 * so watchers (the monitor, `--wait-until stable`) keep following until then. A failure or a
 * stop is as settled as it will get.
 */
export function isSettled(view: RolloutView): boolean {
  if (!isFinal(view.state)) return false;
  if (view.state !== 'SUCCEEDED' && view.state !== 'ROLLED_BACK') return true;
  return deploymentsSettled(view);
}

/**
 * A rollout that has ended where it stands but can still be acted on: an ALB canary held by
 * abort is STOPPED (final, exit 6), yet its plan stays on the rule, so promote, resume and roll
 * back still work. Whoever looks for "the rollout in flight" to act on must keep such a view.
 */
export function stillActionable(view: RolloutView): boolean {
  return Object.values(view.actions).some((a) => a.available);
}
