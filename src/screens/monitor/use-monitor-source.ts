/**
 * Where the monitor's rollout comes from: handed over by the wizard or the picker, taken back
 * from the background, or attached to (`w`): whatever runs on the service, started by anyone.
 * When nothing runs it says how the last deployment ended, and looks again every 10 s.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RolloutController } from '../../deploy/types';
import type { DeployKit } from '../shared/deploy-kit';
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
  useEffect(() => {
    if (!watch || !isActive) return undefined;
    watch.start();
    return () => watch.stop();
  }, [watch, isActive]);
  useEffect(() => {
    if (!watch) return undefined;
    return () => {
      watch.dispose();
      if (keep.current) runInBackground(kit, cluster, service, watch.controller);
    };
  }, [watch, kit, cluster, service]);

  return {
    source,
    keepInBackground: () => {
      keep.current = true;
    },
  };
}

/** A client-driven rollout left running: it keeps polling (and so advancing) until final. */
function runInBackground(
  kit: DeployKit,
  cluster: string,
  service: string,
  controller: RolloutController,
) {
  const watch = new RolloutWatch(kit.session.hub, controller, `background ${service}`);
  const stop = () => {
    unsubscribe();
    watch.stop();
    watch.dispose();
  };
  const unsubscribe = watch.subscribe(() => {
    if (!watch.getSnapshot().done) return;
    stop();
    kit.background.finished(cluster, service, controller);
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
