/**
 * The monitor's words and marks, without React: the header, state looks, countdowns, the
 * circuit breaker line, stage and gate marks. Every function takes `now`; none reads a clock.
 */
import type { OutcomeKind } from '../../deploy/outcome';
import { isFinal } from '../../deploy/outcome';
import { STRATEGY_LABELS, type RolloutView, type StageRow } from '../../deploy/types';
import { durationBetween, formatDuration } from '../../present/time';
import type { ThemeToken } from '../../theme/tokens';

export interface StateLook {
  icon: string;
  label: string;
  token: ThemeToken;
}

export const STATE_LOOKS: Readonly<Record<OutcomeKind, StateLook>> = {
  IN_PROGRESS: { icon: '⟳', label: 'IN PROGRESS', token: 'rollout.inProgress' },
  SUCCEEDED: { icon: '✓', label: 'SUCCEEDED', token: 'rollout.succeeded' },
  ROLLED_BACK: { icon: '↩', label: 'ROLLED BACK', token: 'rollout.rolledBack' },
  FAILED: { icon: '✕', label: 'FAILED', token: 'rollout.failed' },
  STOPPED: { icon: '■', label: 'STOPPED', token: 'status.warn' },
  PAUSED: { icon: '‖', label: 'PAUSED', token: 'rollout.paused' },
  TIMED_OUT: { icon: '◷', label: 'TIMED OUT', token: 'rollout.failed' },
};

/** `deployer` from `arn:aws:sts::123:assumed-role/deployer/alice`, `alice` from a user ARN. */
export function shortPrincipal(who: string): string {
  if (!who.startsWith('arn:')) return who;
  const resource = who.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : resource;
}

/** The first header line's parts after the state: step, elapsed, who. */
export function headerFacts(view: RolloutView, now: number): string[] {
  const facts: string[] = [];
  if (view.step) facts.push(`step ${view.step.index}/${view.step.total} ${view.step.label}`);
  const elapsed = durationBetween(view.startedAt, view.finishedAt, now, '');
  if (elapsed) facts.push(isFinal(view.state) && !view.finishedAt ? `ran ${elapsed}` : elapsed);
  if (view.startedBy) facts.push(`by ${shortPrincipal(view.startedBy)}`);
  return facts;
}

/** The second header line: why it ended (or is paused), else what AWS says it is doing. */
export function headerDetail(view: RolloutView): { text: string; token: ThemeToken } {
  if (view.outcome && view.state !== 'IN_PROGRESS') {
    const look = STATE_LOOKS[view.state];
    return { text: `${look.label}: ${view.outcome.reason}`, token: look.token };
  }
  return { text: `${view.stateLabel} · ${view.rolloutId}`, token: 'ui.dim' };
}

/** `2m05s left`, or `due` once the end has passed (AWS acts on its own clock). */
export function countdown(endsAt: Date, now: number): string {
  const left = endsAt.getTime() - now;
  return left > 0 ? `${formatDuration(left)} left` : 'due';
}

export function breakerLine(cb: NonNullable<RolloutView['circuitBreaker']>): {
  text: string;
  token: ThemeToken;
} {
  if (!cb.enabled) return { text: 'circuit breaker off', token: 'ui.dim' };
  const dots =
    '●'.repeat(Math.min(cb.failures, cb.threshold)) +
    '○'.repeat(Math.max(0, cb.threshold - cb.failures));
  const shown = cb.threshold <= 20 ? ` ${dots}` : '';
  return {
    text: `circuit breaker: ${cb.failures} of ${cb.threshold} failed tasks${shown}`,
    token:
      cb.failures >= cb.threshold ? 'status.error' : cb.failures > 0 ? 'status.warn' : 'ui.dim',
  };
}

const STAGE_MARKS: Record<StageRow['state'], { mark: string; token: ThemeToken }> = {
  done: { mark: '✓', token: 'status.ok' },
  current: { mark: '▸', token: 'ui.focus' },
  pending: { mark: '·', token: 'ui.dim' },
  failed: { mark: '✕', token: 'status.error' },
  skipped: { mark: '–', token: 'ui.dim' },
};

export function stageLine(stage: StageRow, now: number): { text: string; token: ThemeToken } {
  const look = STAGE_MARKS[stage.state];
  const parts = [`${look.mark} ${stage.name}`];
  if (stage.detail) parts.push(stage.detail);
  if (stage.endsAt && stage.state === 'current') parts.push(countdown(stage.endsAt, now));
  return { text: parts.join(' · '), token: look.token };
}

export function hookLine(hook: RolloutView['hooks'][number], now: number): string {
  const parts = [`‖ hook ${hook.hookId}`];
  if (hook.stage) parts.push(`at ${hook.stage}`);
  parts.push(hook.status);
  if (hook.expiresAt) parts.push(countdown(hook.expiresAt, now));
  if (hook.timeoutAction) parts.push(`then ${hook.timeoutAction} on timeout`);
  return parts.join(' · ');
}

export function gateLine(gate: RolloutView['gates'][number]): { text: string; token: ThemeToken } {
  const marks = {
    pass: ['✓', 'status.ok'],
    fail: ['✕', 'status.error'],
    pending: ['·', 'ui.dim'],
  } as const;
  const [mark, token] = marks[gate.status];
  return { text: `${mark} ${gate.name}: ${gate.detail}`, token };
}

export function trafficHealth(row: RolloutView['traffic'][number]): string {
  const parts = [
    `${row.healthy} healthy`,
    `${row.unhealthy} unhealthy`,
    `${row.draining} draining`,
  ];
  if (row.initial > 0) parts.push(`${row.initial} starting`);
  return parts.join(' · ');
}

export function strategyLabel(view: RolloutView): string {
  return STRATEGY_LABELS[view.strategy];
}
