import type { Alarm, TargetHealth } from '../../aws/types';
import type { GateRow } from '../types';
import { totalsSince, type MetricsSnapshot } from './metrics';
import type { GateConfig } from './state';

// The gates a step must pass: canary targets healthy, named alarms not in ALARM, canary 5xx
// rate not above the stable's by more than a margin. Pure: the controller feeds what it read.

export const GATE_HEALTH = 'canary targets healthy';
export const GATE_ALARMS = 'alarms OK';
export const GATE_ERRORS = 'canary 5xx rate';

export interface GateInputs {
  config: GateConfig;
  canaryTargets?: TargetHealth[];
  alarms?: Alarm[];
  metrics?: MetricsSnapshot;
  /** Start of the window the 5xx gate judges (the current step's start). */
  since?: Date;
}

export interface GateVerdict {
  rows: GateRow[];
  /** The first failing gate, with why. */
  failed?: GateRow;
  /** Every gate passes (none failing, none still waiting for data). */
  allPass: boolean;
}

export function evaluateGates(input: GateInputs): GateVerdict {
  const rows: GateRow[] = [];
  const { config } = input;
  if (config.health) rows.push(healthGate(input.canaryTargets));
  if (config.alarms.length > 0) rows.push(alarmGate(config.alarms, input.alarms));
  if (config.errors) rows.push(errorGate(config, input.metrics, input.since));
  const failed = rows.find((r) => r.status === 'fail');
  return {
    rows,
    ...(failed ? { failed } : {}),
    allPass: rows.every((r) => r.status === 'pass'),
  };
}

export function healthGate(targets: TargetHealth[] | undefined): GateRow {
  if (!targets) return { name: GATE_HEALTH, status: 'pending', detail: 'not read yet' };
  const live = targets.filter((t) => t.state !== 'draining' && t.state !== 'unused');
  const unhealthy = live.filter((t) => t.state === 'unhealthy' || t.state === 'unhealthy.draining');
  if (unhealthy.length > 0) {
    const first = unhealthy[0]!;
    const why = [first.reason, first.description].filter(Boolean).join(': ');
    return {
      name: GATE_HEALTH,
      status: 'fail',
      detail: `${unhealthy.length} of ${live.length} canary targets unhealthy${why ? ` (${why})` : ''}`,
    };
  }
  if (live.length === 0)
    return { name: GATE_HEALTH, status: 'fail', detail: 'no canary target is registered' };
  const waiting = live.filter((t) => t.state !== 'healthy');
  if (waiting.length > 0) {
    return {
      name: GATE_HEALTH,
      status: 'pending',
      detail: `${live.length - waiting.length} of ${live.length} healthy, ${waiting.length} ${waiting[0]!.state}`,
    };
  }
  return { name: GATE_HEALTH, status: 'pass', detail: `${live.length} of ${live.length} healthy` };
}

export function alarmGate(names: string[], alarms: Alarm[] | undefined): GateRow {
  if (!alarms) return { name: GATE_ALARMS, status: 'pending', detail: 'not read yet' };
  const missing = names.filter((n) => !alarms.some((a) => a.name === n));
  if (missing.length > 0)
    return { name: GATE_ALARMS, status: 'fail', detail: `no such alarm: ${missing.join(', ')}` };
  const firing = alarms.filter((a) => a.state === 'ALARM');
  if (firing.length > 0) {
    const first = firing[0]!;
    return {
      name: GATE_ALARMS,
      status: 'fail',
      detail: `${firing.map((a) => a.name).join(', ')} in ALARM${first.stateReason ? `: ${first.stateReason}` : ''}`,
    };
  }
  const noData = alarms.filter((a) => a.state !== 'OK').length;
  return {
    name: GATE_ALARMS,
    status: 'pass',
    detail: `${alarms.length} OK${noData ? ` (${noData} with insufficient data)` : ''}`,
  };
}

export function errorGate(
  config: GateConfig,
  metrics: MetricsSnapshot | undefined,
  since: Date | undefined,
): GateRow {
  if (!metrics || !since)
    return { name: GATE_ERRORS, status: 'pending', detail: 'no metrics for this step yet' };
  const canary = totalsSince(metrics.canary, since);
  const stable = totalsSince(metrics.stable, since);
  const rate = (t: { requests: number; errors: number }) =>
    t.requests > 0 ? (t.errors / t.requests) * 100 : 0;
  const c = rate(canary);
  const s = rate(stable);
  const text = `canary ${fmt(c)}% of ${canary.requests} vs stable ${fmt(s)}% of ${stable.requests} (margin ${config.errorMarginPct} pp)`;
  if (canary.requests < config.minRequests || canary.requests === 0) {
    return {
      name: GATE_ERRORS,
      status: 'pending',
      detail: `waiting for traffic: ${canary.requests} of ${Math.max(1, config.minRequests)} canary requests this step`,
    };
  }
  // A step's few hundred requests make a noisy rate: one stray 5xx in 80 is 1.2 %, which rolled
  // a good version back about one run in four. The gate fails only when even the low end of
  // the canary's 95 % interval is above the stable rate plus the margin: a canary as good as
  // stable practically never fails, one right at the limit about 1 step in 40, and a real
  // regression (8 errors in 21) still fails at once.
  const limit = s + config.errorMarginPct;
  const low = wilsonLow(canary.errors, canary.requests) * 100;
  if (c > limit && low > limit)
    return {
      name: GATE_ERRORS,
      status: 'fail',
      detail: `${text}: at least ${fmt(low)}% at 95 % confidence, over the ${fmt(limit)}% limit`,
    };
  return { name: GATE_ERRORS, status: 'pass', detail: text };
}

/** The lower bound of the Wilson score interval (95 %) of `errors` in `requests`, as a share. */
export function wilsonLow(errors: number, requests: number): number {
  if (requests <= 0) return 0;
  const z = 1.96;
  const p = errors / requests;
  const z2n = (z * z) / requests;
  const centre = p + z2n / 2;
  const spread = z * Math.sqrt((p * (1 - p)) / requests + z2n / (4 * requests));
  return Math.max(0, (centre - spread) / (1 + z2n));
}

function fmt(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}
