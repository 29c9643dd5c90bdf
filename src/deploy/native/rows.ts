import type {
  Rule,
  Service,
  ServiceDeployment,
  ServiceRevision,
  ServiceRevisionSummary,
  TargetHealth,
} from '../../aws/types';
import { revisionLabel, shortId } from '../revision-label';
import type { HookRow, RolloutDeploymentRow, TrafficRow } from '../types';
import { healthCounts } from '../view-parts';
import { sharesOf, targetGroupName, type NativeLane } from './setup';

/** A lane with its roles for this deployment: which group is green. */
export interface RoledLane extends NativeLane {
  blue: string;
  green: string;
}

/**
 * Which group of each lane is green: the one the target revision registered in
 * (`resolvedConfiguration`), else the one known when the deployment started, else the one
 * whose production share is nearest the weight ECS asked for green.
 */
export function roleLanes(
  lanes: readonly NativeLane[],
  target: ServiceRevision | undefined,
  known: ReadonlyMap<string, string>,
  rules: ReadonlyMap<string, Rule>,
  sd: ServiceDeployment,
): RoledLane[] {
  return lanes.map((lane) => {
    const [a, b] = lane.targetGroups;
    let green = target?.resolvedTargetGroupArns?.find((tg) => tg === a || tg === b);
    green ??= known.get(lane.productionRule);
    if (!green) {
      const want = sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
      const shares = sharesOf(rules.get(lane.productionRule));
      const off = (tg: string) => Math.abs((shares.get(tg) ?? 0) - want);
      green = off(b) <= off(a) ? b : a;
    }
    return { ...lane, green, blue: green === a ? b : a };
  });
}

/**
 * Production and test rows, blue and green each: the weight ECS asked for (the revisions'
 * requested traffic weights) against the share read back from the listener rule now.
 */
export function trafficRows(
  lanes: readonly RoledLane[],
  sd: ServiceDeployment,
  rules: ReadonlyMap<string, Rule>,
  health: ReadonlyMap<string, TargetHealth[]>,
): TrafficRow[] {
  const target = sd.targetServiceRevision;
  const source = sd.sourceServiceRevisions[0];
  const rows: TrafficRow[] = [];
  for (const lane of lanes) {
    const routes: ['production' | 'test', string | undefined][] = [
      ['production', lane.productionRule],
      ['test', lane.testRule],
    ];
    for (const [route, ruleArn] of routes) {
      if (!ruleArn) continue;
      const shares = sharesOf(rules.get(ruleArn));
      const requested = (r: ServiceRevisionSummary | undefined) =>
        route === 'production'
          ? r?.requestedProductionTrafficWeight
          : r?.requestedTestTrafficWeight;
      for (const [label, tg, rev] of [
        ['blue', lane.blue, source],
        ['green', lane.green, target],
      ] as const) {
        const set = requested(rev);
        const actual = shares.get(tg);
        rows.push({
          label,
          route,
          targetGroupArn: tg,
          targetGroupName: targetGroupName(tg),
          ...(set !== undefined ? { setWeight: set } : {}),
          ...(actual !== undefined ? { actualWeight: actual } : {}),
          ...healthCounts(health.get(tg) ?? []),
        });
      }
    }
  }
  return rows;
}

/** Blue (source) and green (target) revisions with their task counts and images. */
export function revisionRows(
  sd: ServiceDeployment,
  service: Service,
  revisions: ReadonlyMap<string, ServiceRevision>,
): RolloutDeploymentRow[] {
  const row = (role: string, s: ServiceRevisionSummary): RolloutDeploymentRow => {
    const rev = revisions.get(s.arn);
    const td = rev?.taskDefinitionArn ?? '';
    const deployment = service.deployments.find((d) => d.taskDefinitionArn === td && td !== '');
    const image = rev?.containerImages
      .map((c) =>
        c.imageDigest ? `${c.image ?? c.containerName}@${c.imageDigest.slice(7, 19)}` : c.image,
      )
      .filter(Boolean)
      .join(', ');
    return {
      role,
      id: shortId(s.arn),
      status: deployment?.status ?? (role === 'green' ? 'target' : 'source'),
      taskDefinitionArn: td,
      revisionLabel: td ? revisionLabel(td) : shortId(s.arn),
      ...(image ? { image } : {}),
      desired: s.requestedTaskCount,
      running: s.runningTaskCount,
      pending: s.pendingTaskCount,
      failed: deployment?.failedTasks ?? 0,
      ...(deployment?.rolloutState ? { rolloutState: deployment.rolloutState } : {}),
    };
  };
  return [
    ...(sd.targetServiceRevision ? [row('green', sd.targetServiceRevision)] : []),
    ...sd.sourceServiceRevisions.map((s) => row('blue', s)),
  ];
}

/**
 * The pause-hook panel: hooks awaiting action first (with their expiry and what happens
 * then), then the others newest first. AWS names a hook's stage only implicitly (the current
 * one while it waits), so each hook keeps the stage it was first seen at.
 */
export function hookRows(sd: ServiceDeployment, stageOf: Map<string, string>, max = 6): HookRow[] {
  // only a hook seen waiting has a known stage; one first seen finished keeps none
  for (const h of sd.lifecycleHooks) {
    if (h.lifecycleStage && !stageOf.has(h.hookId)) stageOf.set(h.hookId, h.lifecycleStage);
  }
  const waiting = sd.lifecycleHooks.filter(
    (h) => h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS',
  );
  const others = sd.lifecycleHooks.filter((h) => !waiting.includes(h)).reverse();
  return [...waiting, ...others].slice(0, max).map((h) => {
    const stage = stageOf.get(h.hookId);
    const open = waiting.includes(h);
    return {
      hookId: h.hookId,
      status: h.targetType === 'AWS_LAMBDA' ? `${h.status} (Lambda)` : h.status,
      ...(stage ? { stage } : {}),
      // time left and what fires then matter only while the hook is open
      ...(open && h.expiresAt ? { expiresAt: h.expiresAt } : {}),
      ...(open && h.timeoutAction ? { timeoutAction: h.timeoutAction } : {}),
    };
  });
}
