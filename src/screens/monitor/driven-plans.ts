/**
 * The rollouts this app session drives (an ALB canary plan moves only while a client polls
 * it): the one in a monitor and those left running in the background of the app. Quitting
 * (q, :q) asks what should happen to them, since the app is what moves them and it is about to
 * stop: hold them where they are (`ecs-rollout watch` resumes them from the rule's tags), roll
 * them back, or stay. Either way the app stops driving them before it exits.
 */
import { useMemo } from 'react';
import { useDialogs, type DialogApi } from '../../app/dialog-manager';
import type { FlashStore } from '../../app/flash';
import { useFlash } from '../../app/flash-context';
import { inFlight } from '../../app/in-flight';
import { useRouter, type RouterApi } from '../../app/router-context';
import { drivenPlan } from '../../deploy/alb-canary/standing';
import type { IoHost } from '../../deploy/io-host';
import { isFinal } from '../../deploy/outcome';
import type { RolloutController, RolloutView } from '../../deploy/types';
import type { DeployKit } from '../shared/deploy-kit';
import { useTuiIoHost } from '../shared/tui-io-host';

export const QUIT_CHOICES = [
  'hold it here (ecs-rollout watch resumes it)',
  'roll back',
  'cancel: stay in the app',
] as const;

/** Said under the question: what quitting does to a plan no client drives. */
export const QUIT_NOTE =
  'once the app quits nothing moves it: no step, no gate, no rollback, until a client drives it again (ecs-rollout watch resumes it from the rule tags)';

export interface DrivenEntry {
  /** `cluster/service` of the monitor it was opened on. */
  key: string;
  controller: RolloutController;
  /** The last view read, if any. */
  view: () => RolloutView | undefined;
  /** Stops the polls that drive it (its monitor's, or the background watch). */
  stopPolling: () => void;
}

interface Deps {
  guardQuit: RouterApi['guardQuit'];
  dialogs: Pick<DialogApi, 'pick'>;
  io: IoHost;
  flash: Pick<FlashStore, 'info' | 'warn'>;
}

export class DrivenPlans {
  private readonly entries = new Map<string, DrivenEntry>();
  private unguard: (() => void) | undefined;

  constructor(private readonly deps: Deps) {}

  /** Follows a rollout this app drives until the returned function is called. */
  add(entry: DrivenEntry): () => void {
    this.entries.set(entry.key, entry);
    const plan = drivenPlan(entry.controller);
    // the exit summary says where it stands, and the app's end stops it, however it ends
    if (plan) inFlight.drive(plan);
    this.unguard ??= this.deps.guardQuit(this.askOnQuit);
    return () => {
      if (this.entries.get(entry.key) !== entry) return;
      this.entries.delete(entry.key);
      if (this.entries.size > 0) return;
      this.unguard?.();
      this.unguard = undefined;
    };
  }

  /** Those still moving: not ended, still driven by this app. */
  live(): DrivenEntry[] {
    return [...this.entries.values()].filter((e) => {
      const view = e.view();
      if (view && isFinal(view.state)) return false;
      return drivenPlan(e.controller)?.driving ?? true;
    });
  }

  private readonly askOnQuit = async (): Promise<boolean> => {
    const live = this.live();
    if (live.length === 0) return true;
    const choice = await this.deps.dialogs.pick({
      title:
        live.length === 1
          ? 'quit: this app drives a canary plan'
          : `quit: this app drives ${live.length} canary plans`,
      body: [...live.map(describe), QUIT_NOTE],
      items: [...QUIT_CHOICES],
    });
    if (choice === 'roll back') {
      for (const e of live) {
        // each asks with its own confirmation (a protected service wants its name typed)
        const result = await e.controller.act('rollback', this.deps.io);
        if (!result.ok) {
          this.deps.flash.warn(`${result.message}; not quitting`);
          return false;
        }
        this.deps.flash.info(result.message);
      }
    } else if (choice !== QUIT_CHOICES[0]) {
      return false;
    }
    for (const e of live) {
      e.stopPolling();
      await drivenPlan(e.controller)?.stopDriving();
    }
    return true;
  };
}

/** `prod/orders: running at step 2/4, canary 25% (weights 75/25)`. */
function describe(e: DrivenEntry): string {
  const standing = drivenPlan(e.controller)?.standing();
  if (standing) return `${standing.cluster}/${standing.stableService}: ${standing.state}`;
  return `${e.key}: ${e.view()?.stateLabel ?? 'in progress'}`;
}

const registries = new WeakMap<DeployKit, DrivenPlans>();

/** The registry of this kit's session (one App), made on first use. */
export function useDrivenPlans(kit: DeployKit): DrivenPlans {
  const { guardQuit } = useRouter();
  const dialogs = useDialogs();
  const io = useTuiIoHost();
  const flash = useFlash();
  return useMemo(() => {
    let plans = registries.get(kit);
    if (!plans) {
      plans = new DrivenPlans({ guardQuit, dialogs, io, flash });
      registries.set(kit, plans);
    }
    return plans;
  }, [kit, guardQuit, dialogs, io, flash]);
}
