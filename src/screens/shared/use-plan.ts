/**
 * Plans a request for the review step: reads AWS, changes nothing. A newer request (or leaving)
 * cancels the one in flight, so a slow plan never overwrites a newer one.
 */
import { useEffect, useState } from 'react';
import { planDeploy } from '../../deploy/engine';
import type { DeployPlan, DeployRequest } from '../../deploy/plan/types';
import type { DeployKit } from './deploy-kit';

export type PlanState =
  | { status: 'idle' }
  | { status: 'planning' }
  | { status: 'ready'; plan: DeployPlan }
  | { status: 'error'; error: unknown };

/** `request` undefined: nothing to plan. Bump `generation` to plan the same request again. */
export function usePlan(
  kit: DeployKit,
  request: DeployRequest | undefined,
  generation: number,
): PlanState {
  const [state, setState] = useState<PlanState>({ status: 'idle' });
  const key = request ? JSON.stringify(request) : undefined;
  useEffect(() => {
    if (key === undefined) {
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState({ status: 'planning' });
    planDeploy(kit.session.gateway, JSON.parse(key) as DeployRequest, {
      ...kit.commandScope(),
      now: kit.nowDate,
      signal: controller.signal,
    }).then(
      (plan) => {
        if (!controller.signal.aborted) setState({ status: 'ready', plan });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [kit, key, generation]);
  return state;
}
