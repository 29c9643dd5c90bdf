import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Alarm, Rule, Service, TargetHealth } from '../../aws/types';
import type { DeployMessage } from '../io-host';
import type { MetricsSnapshot } from './metrics';
import type { PlanStore } from './plan-store';
import type { PairGroups, readWeights } from './rule-weights';
import type { PlanState } from './state';

/** Which pair and rule a controller drives; everything else comes from the rule's tags. */
export interface CanaryRef {
  cluster: string;
  ruleArn: string;
  stableService: string;
  canaryService: string;
  groups: PairGroups;
  loadBalancerArn: string;
}

export interface DriveContext {
  gw: AwsGateway;
  ref: CanaryRef;
  store: PlanStore;
  now: () => Date;
  notify: (message: DeployMessage) => void;
  /** Who drives (for the stable's rolling deployment on promotion). */
  startedBy?: string;
  opts: CallOptions;
}

/** The plan as last read or written, with the raw tags it came from (to send only changes). */
export interface Held {
  state: PlanState;
  tags: Record<string, string>;
}

/** What one poll read. Health, alarms and metrics are refreshed every other poll. */
export interface Observation {
  at: Date;
  rule: Rule;
  weights: ReturnType<typeof readWeights>;
  stable: Service;
  canary: Service;
  stableTargets?: TargetHealth[];
  canaryTargets?: TargetHealth[];
  alarms?: Alarm[];
  metrics?: MetricsSnapshot;
}

/** Registered targets, draining ones aside, that are all healthy: enough to count on. */
export function targetsReady(targets: TargetHealth[] | undefined, desired: number): boolean {
  if (!targets) return false;
  const live = targets.filter((t) => t.state !== 'draining' && t.state !== 'unused');
  return live.length >= Math.max(1, desired) && live.every((t) => t.state === 'healthy');
}
