import type {
  DeploymentGroup,
  EcsDeploymentTarget,
  Listener,
  Service,
  TargetHealth,
} from '../../aws/types';
import { revisionLabel } from '../revision-label';
import type { RolloutDeploymentRow, TrafficRow } from '../types';
import { healthCounts } from '../view-parts';

// The monitor's deployment rows (Blue / Green task sets) and traffic rows (production and
// test listener targets: weight CodeDeploy set vs weight read back from the listener).

export interface PairInfo {
  /** Target group name -> ARN, for the pair. */
  arns: Map<string, string>;
  /** Blue's target group name, when known. */
  blue?: string;
}

/** Percent of new connections per target group of a listener's default forward action. */
export function listenerShares(listener: Listener | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const forward = listener?.defaultActions.find((a) => a.type === 'forward');
  if (!forward) return out;
  const groups = forward.forward?.targetGroups ?? [
    ...(forward.targetGroupArn ? [{ targetGroupArn: forward.targetGroupArn, weight: 1 }] : []),
  ];
  const total = groups.reduce((s, g) => s + g.weight, 0);
  for (const g of groups)
    out.set(g.targetGroupArn, total > 0 ? Math.round((g.weight / total) * 100) : 0);
  return out;
}

/** Which of the pair is blue: the deployment target says so; before Install, ECS's PRIMARY set. */
export function blueTargetGroup(
  group: DeploymentGroup,
  target: EcsDeploymentTarget | undefined,
  service: Service | undefined,
  arns: Map<string, string>,
): string | undefined {
  const fromTarget = target?.taskSets.find((s) => s.label === 'Blue')?.targetGroupName;
  if (fromTarget) return fromTarget;
  const primary = service?.taskSets.find((t) => t.status === 'PRIMARY');
  return group.targetGroupNames.find((n) => {
    const arn = arns.get(n);
    return arn !== undefined && primary?.targetGroupArns.includes(arn);
  });
}

export function trafficRows(input: {
  group: DeploymentGroup;
  target: EcsDeploymentTarget | undefined;
  pair: PairInfo;
  listeners: Listener[];
  health: Map<string, TargetHealth[]>;
  testTrafficOnGreen: boolean;
}): TrafficRow[] {
  const { group, target, pair, listeners, health } = input;
  const label = (name: string) => (name === pair.blue ? 'Blue' : pair.blue ? 'Green' : name);
  const setWeight = (name: string) =>
    target?.taskSets.find((s) => s.targetGroupName === name)?.trafficWeight;
  const row = (
    name: string,
    route: 'production' | 'test',
    actual: number | undefined,
    set: number | undefined,
  ): TrafficRow => {
    const arn = pair.arns.get(name) ?? '';
    return {
      label: `${route} · ${label(name)}`,
      targetGroupArn: arn,
      targetGroupName: name,
      ...(set !== undefined ? { setWeight: set } : {}),
      ...(actual !== undefined ? { actualWeight: actual } : {}),
      ...healthCounts(health.get(arn) ?? []),
      route,
    };
  };
  const prod = listenerShares(listeners.find((l) => l.arn === group.prodListenerArns[0]));
  const rows = group.targetGroupNames.map((name) =>
    row(name, 'production', prod.get(pair.arns.get(name) ?? '') ?? 0, setWeight(name)),
  );
  const testListener = listeners.find((l) => l.arn === group.testListenerArns[0]);
  if (testListener) {
    const test = listenerShares(testListener);
    for (const name of group.targetGroupNames) {
      const actual = test.get(pair.arns.get(name) ?? '');
      if (actual === undefined) continue;
      const green = pair.blue !== undefined && name !== pair.blue;
      rows.push(
        row(name, 'test', actual, input.testTrafficOnGreen ? (green ? 100 : 0) : undefined),
      );
    }
  }
  return rows;
}

/** Blue and Green task sets: counts from CodeDeploy, revision and image from ECS. */
export function taskSetRows(input: {
  target: EcsDeploymentTarget | undefined;
  service: Service | undefined;
  taskDefinitions: Map<string, string>;
  images: Map<string, string>;
}): RolloutDeploymentRow[] {
  const { target, service, taskDefinitions, images } = input;
  const row = (
    role: string,
    id: string,
    status: string,
    counts: { desired: number; running: number; pending: number },
    weight: number | undefined,
  ): RolloutDeploymentRow => {
    const td = taskDefinitions.get(id) ?? '';
    const image = images.get(td);
    return {
      role,
      id,
      status,
      taskDefinitionArn: td,
      revisionLabel: td ? revisionLabel(td) : '?',
      ...(image ? { image } : {}),
      ...counts,
      failed: 0,
      ...(weight !== undefined ? { rolloutState: `${weight}% of production` } : {}),
    };
  };
  if (target && target.taskSets.length > 0) {
    return target.taskSets.map((s) =>
      row(
        s.label ?? s.status,
        s.id,
        s.status,
        { desired: s.desiredCount, running: s.runningCount, pending: s.pendingCount },
        s.trafficWeight,
      ),
    );
  }
  // before Install the deployment target has no task sets yet: blue is ECS's PRIMARY set
  return (service?.taskSets ?? []).map((t) =>
    row(
      t.status === 'PRIMARY' ? 'Blue' : t.status,
      t.id,
      t.status,
      { desired: t.computedDesiredCount, running: t.runningCount, pending: t.pendingCount },
      undefined,
    ),
  );
}
