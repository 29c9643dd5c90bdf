import type { Body, ProgressLine, ResultLine, ServiceLine } from '../json-schema';
import type { Reporter } from './reporter';
import { shortDigest, splitImage } from '../../present/labels';
import { table } from './table';

type Colour = 'red' | 'green' | 'yellow' | 'dim' | 'bold';
const ANSI: Record<Colour, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export type Paint = (colour: Colour, text: string) => string;

export function painter(enabled: boolean): Paint {
  return enabled
    ? (c, text) => `\u001b[${ANSI[c][0]}m${text}\u001b[${ANSI[c][1]}m`
    : (_c, text) => text;
}

const OUTCOME_COLOUR: Partial<Record<ResultLine['outcome'], Colour>> = {
  SUCCEEDED: 'green',
  NONE: 'green',
  FAILED: 'red',
  ROLLED_BACK: 'red',
  ERROR: 'red',
  ACCESS_DENIED: 'red',
  USAGE_ERROR: 'red',
  TIMED_OUT: 'yellow',
  PAUSED: 'yellow',
  STOPPED: 'yellow',
  INTERRUPTED: 'yellow',
  CANCELLED: 'yellow',
};

/** Plain lines for people and CI logs: no cursor movement, no Ink, colour only when asked. */
export function textReporter(
  out: (line: string) => void,
  err: (line: string) => void,
  paint: Paint,
  now: () => Date = () => new Date(),
): Reporter {
  const stamp = () => paint('dim', now().toISOString().slice(11, 19));
  let lastProgress = '';
  return {
    message(line) {
      const level =
        line.level === 'warn'
          ? paint('yellow', 'warn')
          : line.level === 'error'
            ? paint('red', 'error')
            : '';
      out(`${stamp()}  ${level ? `${level}  ` : ''}${line.text}`);
    },
    progress(line) {
      // JSON reports every change; a person needs a line only when the visible text moved
      const text = progressText(line);
      if (text === lastProgress) return;
      lastProgress = text;
      out(`${stamp()}  ${text}`);
    },
    event(line) {
      const text =
        line.severity === 'error'
          ? paint('red', line.message)
          : line.severity === 'warn'
            ? paint('yellow', line.message)
            : line.message;
      out(`${stamp()}  event  ${text}`);
    },
    plan(line) {
      out(
        `plan: ${line.cluster}/${line.service} with ${line.strategy}: ${line.currentRevision} → ${line.nextRevision}`,
      );
      if (line.diff.length > 0) {
        out('changes:');
        for (const d of line.diff) out(`  ${d.marker} ${d.text}`);
      }
      out('checks:');
      for (const c of line.checks) {
        const mark =
          c.status === 'pass'
            ? paint('green', 'ok  ')
            : c.status === 'warn'
              ? paint('yellow', 'warn')
              : paint('red', 'FAIL');
        out(`  ${mark} ${c.label}: ${c.detail}`);
      }
      out('calls:');
      for (const c of line.calls) out(`  ${c.service} ${c.operation}: ${c.summary}`);
      for (const n of line.notes) out(`note: ${n}`);
      if (line.protectedService)
        out(`note: ${line.service} is protected: confirm with --confirm-service ${line.service}`);
      out(
        line.blockers.length
          ? paint('red', `blocked: ${line.blockers.join('; ')}`)
          : 'blockers: none',
      );
      out(`command: ${line.command}`);
      if (line.file) out(`plan written to ${line.file}`);
    },
    services(lines) {
      for (const row of serviceTable(lines)) out(row);
    },
    candidates(lines) {
      if (lines.length === 0) {
        out('no completed deployments to roll back to');
        return;
      }
      const rows = lines.map((c) => [
        c.revision,
        c.current ? 'running now' : '',
        c.finishedAt ? c.finishedAt.slice(0, 19).replace('T', ' ') : '',
        c.images.join(', '),
      ]);
      for (const row of table(['REVISION', '', 'COMPLETED', 'IMAGES'], rows)) out(row);
    },
    result(line) {
      if (
        line.outcome === 'USAGE_ERROR' ||
        line.outcome === 'ACCESS_DENIED' ||
        line.outcome === 'ERROR' ||
        line.outcome === 'CANCELLED'
      ) {
        // errors are said once, on stderr, by the command runner
        return;
      }
      if (line.outcome === 'NONE') {
        // status, plan, rollback --list: nothing ran, the data above is the answer
        out(line.reason);
        return;
      }
      const colour = OUTCOME_COLOUR[line.outcome] ?? 'bold';
      const parts = [
        paint(colour, `${line.outcome} (exit ${line.exitCode})`),
        line.deploymentId ? `deployment ${line.deploymentId}` : '',
        line.revision ? `revision ${line.revision}` : '',
        line.trigger ? `trigger ${line.trigger}` : '',
        line.durationMs !== undefined ? `took ${Math.round(line.durationMs / 1000)}s` : '',
      ].filter(Boolean);
      out(`result: ${parts.join(' · ')}`);
      if (line.reason) out(`reason: ${line.reason}`);
      if (line.running) {
        out(
          `still running on AWS: deployment ${line.running.deploymentId} (${line.running.stateLabel}) — it was not stopped`,
        );
      }
      for (const cmd of line.next ?? []) out(`  ${cmd}`);
      if (line.hint) err(`hint: ${line.hint}`);
    },
  };
}

export function progressText(line: Body<ProgressLine>): string {
  const rows = line.deployments.map(
    (d) =>
      `${d.role} ${d.revision} ${d.running}/${d.desired} running${d.pending ? `, ${d.pending} pending` : ''}${d.failed ? `, ${d.failed} failed` : ''}`,
  );
  const breaker = line.circuitBreaker?.enabled
    ? `circuit breaker ${line.circuitBreaker.failures}/${line.circuitBreaker.threshold}`
    : '';
  const step = line.step ? `step ${line.step.index}/${line.step.total} ${line.step.label}` : '';
  const traffic = line.traffic
    .map(
      (t) =>
        `${t.label}${t.weight !== undefined ? ` ${t.weight}%` : ''} ${t.healthy} healthy${t.unhealthy ? `/${t.unhealthy} unhealthy` : ''}`,
    )
    .join(', ');
  return [line.stateLabel, step, ...rows, breaker, traffic].filter(Boolean).join(' · ');
}

function serviceTable(lines: Body<ServiceLine>[]): string[] {
  if (lines.length === 0) return ['no services'];
  return table(
    ['SERVICE', 'DESIRED', 'RUNNING', 'PENDING', 'REVISION', 'IMAGE', 'ROLLOUT'],
    lines.map((s) => [
      s.name,
      String(s.desired),
      String(s.running),
      String(s.pending),
      s.revision,
      shortImage(s.image),
      s.inProgress ? `${s.rolloutState} (${s.inProgress})` : s.rolloutState,
    ]),
  );
}

/** `1234.dkr.ecr.../api@sha256:abc…` → `api@sha256:abcdef12`: the registry host is noise in a table. */
function shortImage(image: string): string {
  const parts = splitImage(image);
  const repo = parts.repository.includes('.')
    ? parts.repository.slice(parts.repository.indexOf('/') + 1)
    : parts.repository;
  if (parts.digest) return `${repo}${shortDigest(parts.digest)}`;
  return parts.tag ? `${repo}:${parts.tag}` : repo;
}
