/**
 * A plan as the review step shows it, without React: the diff (masked by the formatter), the
 * preflight checks with their marks, the API calls in order, the equivalent headless command
 * and the notes. Lines are wrapped to the width, so the command is shown whole.
 */
import type { ConfirmRequest } from '../../deploy/io-host';
import type { ImageChange } from '../../deploy/plan/next-definition';
import type { DeployPlan } from '../../deploy/plan/types';
import { revisionLabel } from '../../deploy/revision-label';
import { STRATEGY_LABELS } from '../../deploy/types';
import { imageLabel, shortDigest } from '../../present/labels';
import type { ThemeToken } from '../../theme/tokens';
import { wrapText } from '../../components/text-fit';

export { wrapText };

export interface ReviewLine {
  text: string;
  token?: ThemeToken;
}

const MARKS = { pass: '✓', warn: '!', fail: '✕' } as const;
const CHECK_TOKENS = { pass: 'status.ok', warn: 'status.warn', fail: 'status.error' } as const;

function section(title: string): ReviewLine {
  return { text: title, token: 'ui.title' };
}

export function reviewLines(plan: DeployPlan, width: number): ReviewLine[] {
  const lines: ReviewLine[] = [];
  const add = (text: string, token?: ThemeToken, indent = 2) => {
    for (const line of wrapText(text, width, indent))
      lines.push({ text: line, ...(token ? { token } : {}) });
  };
  const next = nextLabel(plan);
  add(
    `${STRATEGY_LABELS[plan.request.strategy]} of ${plan.request.service}: ${revisionLabel(plan.currentTaskDefinitionArn)} → ${next}`,
    'ui.title',
    0,
  );
  for (const change of plan.imageChanges) {
    const how = change.pinned ? 'registered by digest' : 'registered by tag';
    add(`${change.container}: ${imageLabel(change.from)} → ${newImageLabel(change)} (${how})`);
  }
  if (plan.diff.length === 0) add('no differences in the task definition', 'ui.dim');
  for (const d of plan.diff) add(`${d.marker} ${d.text}`, d.token);

  lines.push(section('Preflight checks'));
  for (const c of plan.checks)
    add(`${MARKS[c.status]} ${c.label}: ${c.detail}`, CHECK_TOKENS[c.status]);

  lines.push(section('API calls, in order'));
  plan.calls.forEach((c, i) => add(`${i + 1}. ${c.service} ${c.operation}  ${c.summary}`));

  lines.push(section('Equivalent headless command'));
  add(plan.command, 'status.info');

  if (plan.notes.length > 0) {
    lines.push(section('Notes'));
    for (const note of plan.notes) add(`• ${note}`);
  }
  return lines;
}

/** `v2.15.0 @sha256:0123abcd`: the tag asked for and the digest it resolved to. */
function newImageLabel(change: ImageChange): string {
  return change.digest
    ? `${change.tag ?? imageLabel(change.to)} ${shortDigest(change.digest)}`
    : imageLabel(change.to);
}

/** What will run: an existing revision, or a new revision of the family (from which one). */
export function nextLabel(plan: DeployPlan): string {
  const next = plan.next;
  if (next.kind === 'register') return `${next.family}:<new revision>`;
  const label = revisionLabel(next.taskDefinitionArn);
  if (!next.reRegister) return label;
  return `${label.split(':')[0] ?? label}:<new revision> (a copy of ${label})`;
}

export type ReviewGate =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      /** another rollout runs: offer to watch it instead */ inProgress: boolean;
    };

/** Whether confirm may go ahead, and if not, why (a failing check blocks it). */
export function reviewGate(plan: DeployPlan): ReviewGate {
  if (plan.blockers.length === 0) return { ok: true };
  const inProgress = plan.checks.some((c) => c.id === 'nothing-in-progress' && c.status === 'fail');
  return { ok: false, reason: `cannot deploy: ${plan.blockers.join('; ')}`, inProgress };
}

/** The confirmation asked before apply: what will be called, and the images that change. */
export function confirmRequestOf(plan: DeployPlan, title?: string): ConfirmRequest {
  const { service, strategy } = plan.request;
  return {
    title: title ?? `Deploy ${service} (${STRATEGY_LABELS[strategy].toLowerCase()})`,
    lines: [
      ...plan.imageChanges.map(
        (c) => `${c.container}: ${imageLabel(c.from)} → ${newImageLabel(c)}`,
      ),
      ...plan.calls.map((c) => `${c.service} ${c.operation}: ${c.summary}`),
    ],
    dangerous: false,
    ...(plan.protectedService ? { typeToConfirm: service } : {}),
  };
}
