import { shortName } from '../aws/resources';
import type { AuditEntry } from './audit-log';

/** How an outcome reads in a list, padded so the actions line up. */
const OUTCOME_WORDS: Readonly<Record<AuditEntry['outcome'], string>> = {
  ok: 'done   ',
  failed: 'FAILED ',
  unknown: 'UNKNOWN',
};

/** `2026-11-26 09:00:01` in UTC: the log is read across time zones. */
export function auditTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** `role/deployer` from an STS or IAM ARN; the ARN itself when it is not one. */
export function shortPrincipal(arn: string): string {
  const m = /:(?:assumed-role|role|user)\/(.+)$/.exec(arn);
  return m ? m[0].slice(1) : arn;
}

/** `taskDefinition=api:4 · stopType=ROLLBACK`: the details, ARNs shortened. */
export function auditDetails(entry: AuditEntry): string {
  return Object.entries(entry.details ?? {})
    .map(([k, v]) => `${k}=${v.split(',').map(shortName).join(',')}`)
    .join(' · ');
}

/** One line per entry, for `ecs-rollout audit` and the `:audit` screen. */
export function auditLine(entry: AuditEntry): string {
  const parts = [
    auditTime(entry.time),
    OUTCOME_WORDS[entry.outcome] ?? entry.outcome,
    entry.action,
    entry.resource ?? '',
    auditDetails(entry),
    entry.error ? `error ${entry.error}` : '',
    `by ${shortPrincipal(entry.who)}`,
    `${entry.via}${entry.simulated ? ' [SIMULATED]' : ''}`,
  ];
  return parts.filter((p) => p !== '').join('  ');
}
