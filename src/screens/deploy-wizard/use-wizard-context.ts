/**
 * What the wizard reads before it asks anything: the service (with tags, for protection) and
 * the revision it runs. A service mid-deployment is said at once: watch it, go on to the wizard
 * anyway (the deployment may be ending; the review checks again), or cancel and stay.
 */
import { useEffect, useState } from 'react';
import { useDialogs } from '../../app/dialog-manager';
import { useRouter } from '../../app/router-context';
import { findCanaryPair } from '../../deploy/alb-canary';
import { supportedStrategies } from '../../deploy/engine';
import { inProgressDeployment, loadServiceContext } from '../../deploy/plan/service-context';
import type { DeployKit } from '../shared/deploy-kit';
import type { DeployWizardContext } from './deploy-steps';

const WATCH = 'watch it in the monitor';
const GO_ON = 'go on to the wizard';

export type WizardContextState =
  | { status: 'loading' }
  | { status: 'ready'; ctx: DeployWizardContext; inProgress?: string }
  | { status: 'error'; error: unknown };

export function useWizardContext(
  kit: DeployKit,
  cluster: string,
  service: string,
): WizardContextState {
  const router = useRouter();
  const dialogs = useDialogs();
  const [state, setState] = useState<WizardContextState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    const gateway = kit.session.gateway;
    loadServiceContext(gateway, cluster, service, { signal: controller.signal })
      .then(async (loaded) => {
        if (controller.signal.aborted) return;
        // the ALB canary strategy fits only a service with a partner on a weighted rule
        const pair =
          loaded.service.deploymentController === 'ECS' && loaded.service.loadBalancers.length > 0
            ? await findCanaryPair(gateway, cluster, service, {
                signal: controller.signal,
                now: kit.nowDate,
              }).catch(() => undefined)
            : undefined;
        if (controller.signal.aborted) return;
        const running = inProgressDeployment(loaded.service);
        setState({
          status: 'ready',
          ctx: { ...loaded, supported: supportedStrategies(), gateway, ...(pair ? { pair } : {}) },
          ...(running ? { inProgress: running.note } : {}),
        });
        if (!running) return;
        const choice = await dialogs.pick({
          title: `${service} is being deployed already`,
          body: [
            `${running.note}.`,
            'A new deployment waits until it finishes (the review checks again).',
          ],
          items: [WATCH, GO_ON],
        });
        if (controller.signal.aborted) return;
        if (choice === WATCH) router.replace({ kind: 'monitor', cluster, service });
        // cancel: back where d was pressed, nothing started
        else if (choice === undefined) void router.back();
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      });
    return () => controller.abort();
    // the dialogs and router APIs are stable for the screen's life; load once per service
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kit, cluster, service]);
  return state;
}
