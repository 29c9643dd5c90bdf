/**
 * What `R` finds on a service. A rollout in progress is rolled back through its controller
 * (ECS stops it and returns to the last completed deployment: StopServiceDeployment ROLLBACK
 * for rolling) — picking an older revision mid-flight would start a second deployment on top.
 * Otherwise: the service's completed deployments to pick from.
 */
import { useEffect, useState } from 'react';
import type { Service, TaskDefinition } from '../../aws/types';
import { attachRollout } from '../../deploy/attach';
import { supportedStrategies } from '../../deploy/engine';
import { rollbackCandidates, type RollbackCandidate } from '../../deploy/rollback-targets';
import type { RolloutController, RolloutView } from '../../deploy/types';
import { ExpectedError } from '../../errors';
import type { DeployKit } from '../shared/deploy-kit';
import { rollbackStrategy, type RollbackStrategy } from './rollback-model';

export type PickerSource =
  | { status: 'loading' }
  | { status: 'in-flight'; controller: RolloutController; view: RolloutView }
  | {
      status: 'history';
      service: Service;
      current: TaskDefinition | undefined;
      candidates: RollbackCandidate[];
      strategy: RollbackStrategy;
    }
  | { status: 'error'; error: unknown };

export async function loadPickerSource(
  kit: DeployKit,
  cluster: string,
  serviceName: string,
  signal: AbortSignal,
): Promise<PickerSource> {
  const gw = kit.session.gateway;
  const { services } = await gw.ecs.describeServices(cluster, [serviceName], {
    signal,
    includeTags: true,
  });
  const service = services[0];
  if (!service) {
    throw new ExpectedError(
      `service "${serviceName}" not found in cluster "${cluster}"`,
      'esc goes back',
    );
  }
  const controller = await attachRollout(gw, cluster, service, { signal, now: kit.nowDate });
  if (controller) return { status: 'in-flight', controller, view: await controller.poll(signal) };
  const candidates = await rollbackCandidates(gw, service, cluster, { signal });
  const current =
    candidates.find((c) => c.current)?.taskDefinition ??
    (service.taskDefinitionArn
      ? await gw.ecs.describeTaskDefinition(service.taskDefinitionArn, { signal })
      : undefined);
  return {
    status: 'history',
    service,
    current,
    candidates,
    strategy: rollbackStrategy(service, supportedStrategies()),
  };
}

export function useRollbackSource(kit: DeployKit, cluster: string, service: string): PickerSource {
  const [state, setState] = useState<PickerSource>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    loadPickerSource(kit, cluster, service, controller.signal).then(
      (source) => {
        if (!controller.signal.aborted) setState(source);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [kit, cluster, service]);
  return state;
}
