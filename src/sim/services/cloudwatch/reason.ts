import type { Bucket } from './metrics';
import type { AlarmRec, AlarmStateValue, ComparisonOperator } from './state';

// StateReason / StateReasonData texts in CloudWatch's own wording, e.g.
// "Threshold Crossed: 1 datapoint [12.0 (26/11/26 09:01:00)] was greater than the threshold (5.0)."

const WORDS: Readonly<Record<ComparisonOperator, string>> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Java's Double.toString for ordinary values: whole numbers keep a ".0". */
export function javaDouble(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e7 ? n.toFixed(1) : String(n);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** dd/MM/yy HH:mm:ss in UTC. */
export function reasonTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** 2026-11-26T09:01:00.000+0000, as StateReasonData writes dates. */
export function reasonDataTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Verdict {
  state: AlarmStateValue;
  /** Newest first: the periods that decided the state. */
  shown: Bucket[];
  evaluated: number;
  minimum: number;
  missing: number;
  missingTreatedAs?: 'Breaching' | 'NonBreaching';
}

export function stateReason(alarm: AlarmRec, verdict: Verdict, previous: AlarmStateValue): string {
  const { state, shown, evaluated } = verdict;
  if (state === 'INSUFFICIENT_DATA') {
    return `Insufficient Data: ${plural(verdict.missing, 'datapoint')} ${verdict.missing === 1 ? 'was' : 'were'} unknown.`;
  }
  const not = state === 'OK' ? 'not ' : '';
  const threshold = `the threshold (${javaDouble(alarm.threshold)})`;
  if (shown.length === 0) {
    return `Threshold Crossed: no datapoints were received for ${plural(evaluated, 'period')} and ${plural(verdict.missing, 'missing datapoint')} ${verdict.missing === 1 ? 'was' : 'were'} treated as [${verdict.missingTreatedAs ?? 'NonBreaching'}].`;
  }
  const list = `[${shown.map((b) => `${javaDouble(b.value)} (${reasonTime(b.t)})`).join(', ')}]`;
  if (evaluated === 1) {
    return `Threshold Crossed: 1 datapoint ${list} was ${not}${WORDS[alarm.comparison]} ${threshold}.`;
  }
  return (
    `Threshold Crossed: ${shown.length} out of the last ${evaluated} datapoints ${list} ` +
    `${shown.length === 1 ? 'was' : 'were'} ${not}${WORDS[alarm.comparison]} ${threshold} ` +
    `(minimum ${plural(verdict.minimum, 'datapoint')} for ${previous} -> ${state} transition).`
  );
}

export function stateReasonData(
  alarm: AlarmRec,
  buckets: Bucket[],
  now: number,
  windowStart: number,
): string {
  return JSON.stringify({
    version: '1.0',
    queryDate: reasonDataTime(now),
    startDate: reasonDataTime(windowStart),
    statistic: alarm.statistic,
    period: alarm.periodSeconds,
    recentDatapoints: buckets.map((b) => b.value),
    threshold: alarm.threshold,
    evaluatedDatapoints: [...buckets].reverse().map((b) => ({
      timestamp: reasonDataTime(b.t),
      sampleCount: b.sampleCount,
      value: b.value,
    })),
  });
}
