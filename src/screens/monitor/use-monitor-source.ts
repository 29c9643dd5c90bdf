/**
 * Where the monitor's rollout comes from: handed over by the wizard or the picker, taken back
 * from the background, or attached to (`w`): whatever runs on the service, started by anyone.
 * When nothing runs it says how the last deployment ended, and looks again every 10 s.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { drivenPlan } from '../../deploy/alb-canary/standing';
import type { RolloutController } from '../../deploy/types';
import type { DeployKit } from '../shared/deploy-kit';
import { useDrivenPlans, type DrivenPlans } from './driven-plans';
import { findRollout, type Found, type LastRollout } from './find-rollout';
import { RolloutWatch, type WatchSnapshot } from './rollout-watch';

export const ATTACH_RECHECK_MS = 10_000;

export type MonitorSource =
  | { status: 'attaching' }
  | { status: 'watching'; watch: RolloutWatch }
  | { status: 'idle'; last: LastRollout | undefined }
  | { status: 'error'; error: Error };

export function useMonitorSource(
  kit: DeployKit,
  cluster: string,
  service: string,
  isActive: boolean,
): { source: MonitorSource; keepInBackground: () => void } {
  const hub = kit.session.hub;
  const [source, setSource] = useState<MonitorSource>(() => {
    const handed = kit.handoff.take(cluster, service) ?? kit.background.resume(cluster, service);
    return handed
      ? { status: 'watching', watch: new RolloutWatch(hub, handed) }
      : { status: 'attaching' };
  });
  const watching = source.status === 'watching';

  // nothing handed over: find what runs, and keep looking while the screen is in view
  useEffect(() => {
    if (watching || !isActive) return undefined;
    const poller = hub.createPoller<Found>({
      name: `monitor attach ${service}`,
      fetch: (signal) => findRollout(kit.session.gateway, cluster, service, kit.nowDate, signal),
      intervalMs: ATTACH_RECHECK_MS,
      isEmpty: () => false,
    });
    const unsubscribe = poller.subscribe(() => {
      const snap = poller.getSnapshot();
      if (snap.data?.kind === 'rollout') {
        setSource({ status: 'watching', watch: new RolloutWatch(hub, snap.data.controller) });
      } else if (snap.data?.kind === 'idle') {
        setSource({ status: 'idle', last: snap.data.last });
      } else if (snap.status === 'error' && snap.error) {
        setSource({ status: 'error', error: snap.error });
      }
    });
    poller.start();
    return () => {
      unsubscribe();
      hub.release(poller);
    };
  }, [watching, isActive, hub, kit, cluster, service]);

  const keep = useRef(false);
  const watch = source.status === 'watching' ? source.watch : undefined;
  const plans = useDrivenPlans(kit);
  useEffect(() => {
    if (!watch || !isActive) return undefined;
    watch.start();
    return () => watch.stop();
  }, [watch, isActive]);
  // a rollout this app drives: quitting asks about it, and the app's end stops driving it
  useEffect(() => {
    if (!watch?.controller.clientDriven || kit.session.readOnly) return undefined;
    return plans.add({
      key: `${cluster}/${service}`,
      controller: watch.controller,
      view: () => watch.getSnapshot().poll.data,
      stopPolling: () => watch.stop(),
    });
  }, [watch, plans, kit, cluster, service]);
  useEffect(() => {
    if (!watch) return undefined;
    return () => {
      watch.dispose();
      if (keep.current) runInBackground(kit, plans, cluster, service, watch.controller);
    };
  }, [watch, kit, plans, cluster, service]);

  return {
    source,
    keepInBackground: () => {
      keep.current = true;
    },
  };
}

/**
 * A client-driven rollout left running in the background of the app: it keeps polling (and so
 * advancing) until final, or until the app stops driving it (quit asks about it first).
 */
function runInBackground(
  kit: DeployKit,
  plans: DrivenPlans,
  cluster: string,
  service: string,
  controller: RolloutController,
) {
  // the app is quitting and has stopped driving it: nothing may poll it again
  if (drivenPlan(controller)?.driving === false) return;
  const watch = new RolloutWatch(kit.session.hub, controller, `background ${service}`);
  const stop = () => {
    unsubscribe();
    forget();
    watch.stop();
    watch.dispose();
  };
  const unsubscribe = watch.subscribe(() => {
    if (!watch.getSnapshot().done) return;
    stop();
    kit.background.finished(cluster, service, controller);
  });
  const forget = plans.add({
    key: `${cluster}/${service}`,
    controller,
    view: () => watch.getSnapshot().poll.data,
    stopPolling: stop,
  });
  kit.background.keep(cluster, service, controller, stop);
  watch.start();
}

const EMPTY: WatchSnapshot | undefined = undefined;
const noSubscribe = () => () => undefined;

/** The watch's snapshot (undefined when there is no watch). */
export function useWatchSnapshot(watch: RolloutWatch | undefined): WatchSnapshot | undefined {
  return useSyncExternalStore(watch?.subscribe ?? noSubscribe, watch?.getSnapshot ?? (() => EMPTY));
}
