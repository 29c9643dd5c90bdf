import type { AwsGateway, CallOptions } from '../aws/gateway';
import { applyAlbCanary, planAlbCanary } from './alb-canary';
import { applyCodeDeploy, planCodeDeploy } from './codedeploy';
import { ExpectedError } from '../errors';
import type { IoHost } from './io-host';
import {
  applyBlueGreen,
  applyCanary,
  applyLinear,
  planBlueGreen,
  planCanary,
  planLinear,
} from './native';
import type { ServiceContext } from './plan/service-context';
import type { DeployPlan, DeployRequest } from './plan/types';
import { applyRolling } from './rolling/apply';
import { planRolling } from './rolling/plan';
import { STRATEGY_LABELS, type RolloutController, type StrategyId } from './types';

export interface EngineOptions extends CallOptions {
  profile?: string;
  region?: string;
  /** The endpoint in use, so the equivalent command line reaches the same place. */
  endpointUrl?: string;
  /** The clock of the world: real time, or the simulator's in --demo and tests. */
  now?: () => Date;
}

export interface ApplyOptions extends EngineOptions {
  /** The person already confirmed (TUI review step, CLI --yes): don't ask again. */
  confirmed?: boolean;
  /** Who started it (STS principal), for messages and the audit log. */
  startedBy?: string;
}

/** One deployment strategy: plan (reads only) and apply (changes AWS, returns a controller). */
export interface StrategyModule {
  readonly id: StrategyId;
  plan(
    gw: AwsGateway,
    request: DeployRequest,
    opts: EngineOptions,
  ): Promise<{ plan: DeployPlan; ctx: ServiceContext }>;
  apply(
    gw: AwsGateway,
    plan: DeployPlan,
    io: IoHost,
    opts: ApplyOptions,
  ): Promise<RolloutController>;
}

// Each strategy adds its module here as it lands.
const MODULES: Readonly<Partial<Record<StrategyId, StrategyModule>>> = {
  rolling: { id: 'rolling', plan: planRolling, apply: applyRolling },
  'alb-canary': { id: 'alb-canary', plan: planAlbCanary, apply: applyAlbCanary },
  codedeploy: { id: 'codedeploy', plan: planCodeDeploy, apply: applyCodeDeploy },
  'blue-green': { id: 'blue-green', plan: planBlueGreen, apply: applyBlueGreen },
  linear: { id: 'linear', plan: planLinear, apply: applyLinear },
  canary: { id: 'canary', plan: planCanary, apply: applyCanary },
};

export function strategyModule(id: StrategyId): StrategyModule {
  const module = MODULES[id];
  if (!module)
    throw new ExpectedError(`${STRATEGY_LABELS[id]} deployments are not supported by this build`);
  return module;
}

export function supportedStrategies(): StrategyId[] {
  return Object.keys(MODULES) as StrategyId[];
}

/** Reads AWS and says what a deployment would do. Changes nothing. */
export async function planDeploy(
  gw: AwsGateway,
  request: DeployRequest,
  opts: EngineOptions = {},
): Promise<DeployPlan> {
  return (await strategyModule(request.strategy).plan(gw, request, opts)).plan;
}

/** Carries out a reviewed plan and returns a controller that follows the rollout. */
export function applyPlan(
  gw: AwsGateway,
  plan: DeployPlan,
  io: IoHost,
  opts: ApplyOptions = {},
): Promise<RolloutController> {
  return strategyModule(plan.request.strategy).apply(gw, plan, io, opts);
}
