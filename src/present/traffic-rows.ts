import type { Listener, Rule, RuleAction, TargetGroup, TargetHealth } from '../aws/types';
import { arnName } from './labels';
import type { Token } from './tokens';

/** What the traffic store gathers: target groups, the listener rules that forward to them, health. */
export interface TrafficInput {
  targetGroups: readonly TargetGroup[];
  listeners: readonly { listener: Listener; rules: readonly Rule[] }[];
  health: Readonly<Record<string, readonly TargetHealth[]>>;
}

export interface WeightedTarget {
  targetGroupArn: string;
  name: string;
  weight: number;
  /** Share of new connections, 0..100 (0 for every group when all weights are 0). */
  percent: number;
  /** One of the service's own target groups. */
  ours: boolean;
}

export interface TrafficRouteRow {
  key: string;
  /** `HTTPS :443`. */
  listener: string;
  /** `priority 10` or `default`. */
  rule: string;
  conditions: string;
  targets: WeightedTarget[];
  /** `api-blue 90% · api-green 10%`. */
  weights: string;
}

export interface TargetGroupRow {
  key: string;
  name: string;
  /** `HTTP:8080`. */
  endpoint: string;
  healthy: number;
  unhealthy: number;
  draining: number;
  initial: number;
  other: number;
  total: number;
  /** `3 healthy · 1 unhealthy · 2 draining`, or `no targets`. */
  summary: string;
  token: Token;
  /** Why targets are unhealthy, most frequent first: `Target.Timeout ×2`. */
  reasons: string;
}

/** Routes (listener → rule → weighted groups) that reach the service's target groups. */
export function trafficRouteRows(input: TrafficInput): TrafficRouteRow[] {
  const ours = new Set(input.targetGroups.map((tg) => tg.arn));
  const names = new Map(input.targetGroups.map((tg) => [tg.arn, tg.name]));
  const rows: TrafficRouteRow[] = [];
  for (const { listener, rules } of input.listeners) {
    for (const rule of [...rules].sort(byPriority)) {
      const weighted = forwardTargets(rule.actions);
      if (!weighted.some((t) => ours.has(t.targetGroupArn))) continue;
      const total = weighted.reduce((sum, t) => sum + t.weight, 0);
      const targets = weighted.map((t) => ({
        targetGroupArn: t.targetGroupArn,
        name: names.get(t.targetGroupArn) ?? targetGroupName(t.targetGroupArn),
        weight: t.weight,
        percent: total > 0 ? Math.round((t.weight / total) * 1000) / 10 : 0,
        ours: ours.has(t.targetGroupArn),
      }));
      rows.push({
        key: rule.arn,
        listener: `${listener.protocol ?? ''} :${listener.port ?? '?'}`.trim(),
        rule: rule.isDefault ? 'default' : `priority ${rule.priority}`,
        conditions: rule.conditions
          .map((c) => `${c.field ?? 'condition'} ${c.values.join(',')}`)
          .join(' & '),
        targets,
        weights: targets.map((t) => `${t.name} ${t.percent}%`).join(' · '),
      });
    }
  }
  return rows;
}

/** Target health per group: counts by state and the reasons behind unhealthy ones. */
export function targetGroupRows(input: TrafficInput): TargetGroupRow[] {
  return input.targetGroups.map((tg) => {
    const targets = input.health[tg.arn] ?? [];
    const count = (pred: (s: string) => boolean) => targets.filter((t) => pred(t.state)).length;
    const healthy = count((s) => s === 'healthy');
    const unhealthy = count((s) => s === 'unhealthy' || s === 'unhealthy.draining');
    const draining = count((s) => s === 'draining');
    const initial = count((s) => s === 'initial');
    const other = targets.length - healthy - unhealthy - draining - initial;
    const parts = [
      healthy ? `${healthy} healthy` : '',
      unhealthy ? `${unhealthy} unhealthy` : '',
      draining ? `${draining} draining` : '',
      initial ? `${initial} initial` : '',
      other ? `${other} other` : '',
    ].filter(Boolean);
    const reasons = new Map<string, number>();
    for (const t of targets) {
      if (t.state === 'healthy' || !t.reason) continue;
      reasons.set(t.reason, (reasons.get(t.reason) ?? 0) + 1);
    }
    return {
      key: tg.arn,
      name: tg.name,
      endpoint: `${tg.protocol ?? '?'}:${tg.port ?? '?'}`,
      healthy,
      unhealthy,
      draining,
      initial,
      other,
      total: targets.length,
      summary: parts.length ? parts.join(' · ') : 'no targets',
      token:
        unhealthy > 0
          ? 'status.error'
          : initial > 0 || draining > 0
            ? 'status.info'
            : healthy > 0
              ? 'status.ok'
              : 'ui.dim',
      reasons: [...reasons.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([r, n]) => (n > 1 ? `${r} ×${n}` : r))
        .join(', '),
    };
  });
}

/** Weighted groups of a rule's forward action; a plain TargetGroupArn counts as weight 1. */
export function forwardTargets(
  actions: readonly RuleAction[],
): { targetGroupArn: string; weight: number }[] {
  const forward = actions.find((a) => a.type === 'forward');
  if (!forward) return [];
  if (forward.forward?.targetGroups.length) return forward.forward.targetGroups;
  return forward.targetGroupArn ? [{ targetGroupArn: forward.targetGroupArn, weight: 1 }] : [];
}

/** `arn:...:targetgroup/api-blue/0123abcd` → `api-blue`. */
function targetGroupName(arn: string): string {
  const parts = arn.split('/');
  return parts.length >= 2 ? (parts[parts.length - 2] ?? arn) : arnName(arn);
}

function byPriority(a: Rule, b: Rule): number {
  if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
  return Number(a.priority) - Number(b.priority);
}
