/**
 * The monitor's keys: p promote, P promote fully, R roll back, a abort, space pause/resume.
 * Each asks the controller (through the TUI IoHost: its confirm request becomes the confirm
 * dialog). A key that cannot act now is dimmed in the footer and says why when pressed, in
 * the view's own words. Leaving a rollout this client drives asks what should happen to it
 * (keep it running in the background of the app, pause it, roll it back); quitting the app asks
 * about every plan it drives at once (driven-plans.ts).
 */
import { useCallback, useState } from 'react';
import { useDialogs } from '../../app/dialog-manager';
import { useFlash } from '../../app/flash-context';
import { useLeaveGuard, type LeaveGuard } from '../../app/router-context';
import { isFinal } from '../../deploy/outcome';
import type { RolloutActionId, RolloutView } from '../../deploy/types';
import type { CommandId } from '../../keys/bindings';
import { useCommand } from '../../keys/use-command';
import { useTuiIoHost } from '../shared/tui-io-host';
import type { RolloutWatch } from './rollout-watch';

export const ACTION_KEYS: readonly [CommandId, RolloutActionId][] = [
  ['monitor.promote', 'promote'],
  ['monitor.promote-all', 'promoteFull'],
  ['monitor.rollback', 'rollback'],
  ['monitor.abort', 'abort'],
  ['monitor.pause', 'togglePause'],
];

/** Why `action` cannot run now, or undefined when it can. */
export function actionBlock(
  view: RolloutView | undefined,
  action: RolloutActionId,
  busy: RolloutActionId | undefined,
): string | undefined {
  if (!view) return 'waiting for the first read of the rollout';
  if (busy) return `${view.actions[busy].label} is being sent`;
  const availability = view.actions[action];
  return availability.available ? undefined : availability.reason;
}

export const LEAVE_CHOICES = [
  // in the background of this app: quitting it asks again (driven-plans.ts)
  'keep running in the background (while this app runs)',
  'pause here',
  'roll back',
] as const;

export function useMonitorActions(
  watch: RolloutWatch | undefined,
  view: RolloutView | undefined,
  isActive: boolean,
  keepInBackground: () => void,
  /** A read-only client only watches: nothing it leaves is driven by it. */
  readOnly = false,
): void {
  const io = useTuiIoHost();
  const flash = useFlash();
  const dialogs = useDialogs();
  const [busy, setBusy] = useState<RolloutActionId | undefined>();

  const act = useCallback(
    async (action: RolloutActionId): Promise<boolean> => {
      if (!watch) return false;
      setBusy(action);
      let ok: boolean;
      try {
        const result = await watch.controller.act(action, io);
        if (result.ok) flash.info(result.message);
        else flash.warn(result.message);
        ok = result.ok;
      } catch (error) {
        flash.error(error);
        return false;
      } finally {
        // the action is done: its key is free again while the view catches up below (a poll
        // may already show the new state; the controller decides on the plan as it is anyway)
        setBusy(undefined);
      }
      await watch.refresh();
      return ok;
    },
    [watch, io, flash],
  );

  // once the rollout has ended, promote, abort and pause leave the footer instead of staying
  // there dimmed; R stays, to say where a finished rollout is rolled back (the picker)
  const ended = view !== undefined && isFinal(view.state);
  const key = (command: CommandId, action: RolloutActionId) =>
    [
      command,
      () => void act(action),
      {
        isActive: isActive && !(ended && action !== 'rollback' && !view.actions[action].available),
        disabledReason: actionBlock(view, action, busy),
      },
    ] as const;
  useCommand(...key('monitor.promote', 'promote'));
  useCommand(...key('monitor.promote-all', 'promoteFull'));
  useCommand(...key('monitor.rollback', 'rollback'));
  useCommand(...key('monitor.abort', 'abort'));
  useCommand(...key('monitor.pause', 'togglePause'));

  // AWS runs rolling, native and CodeDeploy rollouts on its own: leaving never stops them.
  // Only a rollout this client drives (the ALB canary plan) needs to be asked about.
  const drives =
    watch?.controller.clientDriven === true &&
    !readOnly &&
    view !== undefined &&
    !isFinal(view.state);
  const guard = useCallback<LeaveGuard>(
    async (reason) => {
      // quitting ends the app, background included: the app's quit question covers every plan
      // it drives (this one too), with its own choices (driven-plans.ts)
      if (reason === 'quit') return true;
      const choice = await dialogs.pick({
        title: 'this client drives the rollout: what should happen to it?',
        items: [...LEAVE_CHOICES],
      });
      if (choice === undefined) return false;
      if (choice === 'pause here' && !(await act('togglePause'))) return false;
      if (choice === 'roll back' && !(await act('rollback'))) return false;
      if (choice === LEAVE_CHOICES[0]) keepInBackground();
      return true;
    },
    [dialogs, act, keepInBackground],
  );
  useLeaveGuard(drives ? guard : undefined);
}
