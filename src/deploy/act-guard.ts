import type { ConfirmRequest, IoHost } from './io-host';
import type { ActionResult, RolloutActionId, RolloutController, RolloutView } from './types';

/**
 * Two operators on one rollout (perf-reliability 4.3): one promotes while the other rolls back
 * from a screen that still shows the pause. A promote, continue or stop has no version to
 * check against, so whoever sends last wins. This guard re-reads the rollout after the person
 * confirms and before anything is sent: when it moved on since the view they decided on, it
 * sends nothing and says what changed, so the second operator sees the first one's action
 * instead of overwriting it.
 */
export async function actOnFreshState(
  controller: RolloutController,
  action: RolloutActionId,
  io: IoHost,
  options: { seen: RolloutView; signal?: AbortSignal },
): Promise<ActionResult> {
  let moved: string | undefined;
  const guarded: IoHost = {
    notify: (message) => io.notify(message),
    async confirm(request: ConfirmRequest) {
      if (!(await io.confirm(request))) return false;
      controller.invalidate?.();
      const fresh = await controller.poll(options.signal);
      moved = difference(options.seen, fresh, action);
      return moved === undefined;
    },
  };
  const result = await controller.act(action, guarded, options.signal);
  if (moved === undefined) return result;
  return {
    ok: false,
    message: `nothing was sent: the rollout changed after it was shown — ${moved}. Someone else (or AWS) acted on it; look at it again and press the key again if it still applies`,
  };
}

/** How the rollout moved between two views, in words; undefined when it did not. */
export function difference(
  seen: RolloutView,
  fresh: RolloutView,
  action: RolloutActionId,
): string | undefined {
  const where = (v: RolloutView) => {
    const stage = v.stages.find((s) => s.state === 'current')?.name;
    return [v.state, stage, v.step?.label].filter(Boolean).join(' · ');
  };
  const was = where(seen);
  const now = where(fresh);
  const reason = fresh.outcome?.reason ? ` (${fresh.outcome.reason})` : '';
  if (seen.rolloutId !== fresh.rolloutId)
    return `another rollout (${fresh.rolloutId}) replaced ${seen.rolloutId}${reason}`;
  // the state, not the stage: AWS moving a rolling update along does not void a rollback
  if (seen.state !== fresh.state) return `it was ${was}, it is now ${now}${reason}`;
  const before = seen.actions[action];
  const after = fresh.actions[action];
  if (!after.available) return `${after.label} is no longer possible: ${after.reason}`;
  if (before.available && before.confirm.lines.join('\n') !== after.confirm.lines.join('\n'))
    return `${after.label} would now do something else: ${after.confirm.lines[0] ?? ''}`;
  return undefined;
}
