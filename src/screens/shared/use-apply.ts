/**
 * Confirm, then apply a reviewed plan with its progress on screen ("registering…", "updating
 * service…"), then replace the screen with the monitor on the new rollout. A failure stays on
 * screen with the engine's message, which says exactly what exists and what did not change.
 */
import { useCallback, useState } from 'react';
import { useRouter } from '../../app/router-context';
import { useFlash } from '../../app/flash-context';
import { applyPlan } from '../../deploy/engine';
import type { DeployMessage } from '../../deploy/io-host';
import type { DeployPlan } from '../../deploy/plan/types';
import type { DeployKit } from './deploy-kit';
import { confirmRequestOf } from './review-lines';
import { useTuiIoHost } from './tui-io-host';

export interface ProgressLine {
  text: string;
  done: boolean;
}

export type ApplyState =
  | { phase: 'idle' }
  | { phase: 'confirming' }
  | { phase: 'applying'; progress: readonly ProgressLine[] }
  | { phase: 'failed'; error: unknown; progress: readonly ProgressLine[] };

/** The first thing apply does, before any message arrives. */
export function firstProgress(plan: DeployPlan): ProgressLine[] {
  const registers = plan.calls.some((c) => c.operation === 'RegisterTaskDefinition');
  return [
    { text: registers ? 'registering the task definition…' : 'updating the service…', done: false },
  ];
}

/**
 * The progress after an engine message: a register or the deployment start replaces the step
 * in flight with what happened (and a register starts "updating the service…"); any other
 * message is listed above the step in flight.
 */
export function progressAfter(
  lines: readonly ProgressLine[],
  message: DeployMessage,
): ProgressLine[] {
  const pending = lines.findIndex((l) => !l.done);
  const before = pending < 0 ? [...lines] : lines.slice(0, pending);
  const inFlight = pending < 0 ? [] : lines.slice(pending);
  const result = { text: message.text, done: true };
  if (message.code.startsWith('ECSR_REGISTER_'))
    return [...before, result, { text: 'updating the service…', done: false }];
  if (message.code === 'ECSR_DEPLOY_I2003') return [...before, result];
  return [...before, result, ...inFlight];
}

export function useApply(kit: DeployKit): {
  state: ApplyState;
  /** `cancelled`: declined at the confirm dialog, nothing changed. */
  run: (plan: DeployPlan, title?: string) => Promise<'started' | 'cancelled' | 'failed'>;
  reset: () => void;
} {
  const router = useRouter();
  const flash = useFlash();
  const [state, setState] = useState<ApplyState>({ phase: 'idle' });
  const io = useTuiIoHost((message) =>
    setState((s) =>
      s.phase === 'applying' ? { ...s, progress: progressAfter(s.progress, message) } : s,
    ),
  );
  const run = useCallback(
    async (plan: DeployPlan, title?: string) => {
      const { cluster, service } = plan.request;
      setState({ phase: 'confirming' });
      if (!(await io.confirm(confirmRequestOf(plan, title)))) {
        setState({ phase: 'idle' });
        flash.info('cancelled; nothing was changed');
        return 'cancelled';
      }
      setState({ phase: 'applying', progress: firstProgress(plan) });
      try {
        const startedBy = await kit.startedBy();
        const controller = await applyPlan(kit.session.gateway, plan, io, {
          ...kit.commandScope(),
          confirmed: true,
          now: kit.nowDate,
          ...(startedBy ? { startedBy } : {}),
        });
        kit.handoff.give(cluster, service, controller);
        router.replace({ kind: 'monitor', cluster, service });
        return 'started';
      } catch (error) {
        setState((s) => ({
          phase: 'failed',
          error,
          progress: s.phase === 'applying' ? s.progress : [],
        }));
        return 'failed';
      }
    },
    [io, kit, router, flash],
  );
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, reset };
}
