import type { DeployPlan } from '../deploy/plan/types';
import { revisionLabel } from '../deploy/revision-label';
import type { Body, PlanLine } from './json-schema';

/** What `plan` and `deploy` show of a plan: no task definition document, the diff masked. */
export function planLine(plan: DeployPlan, file?: string): Body<PlanLine> {
  const next = plan.next;
  return {
    type: 'plan',
    cluster: plan.request.cluster,
    service: plan.request.service,
    strategy: plan.request.strategy,
    currentRevision: revisionLabel(plan.currentTaskDefinitionArn),
    nextRevision:
      next.kind === 'register'
        ? `${next.family}:<new revision>`
        : `${revisionLabel(next.taskDefinitionArn)}${next.reRegister ? ' (registered again as a new revision)' : ''}`,
    imageChanges: plan.imageChanges.map((c) => ({
      container: c.container,
      from: c.from,
      to: c.to,
      pinned: c.pinned,
    })),
    diff: plan.diff.map((d) => ({ marker: d.marker, path: d.path, text: d.text })),
    checks: plan.checks.map((c) => ({
      id: c.id,
      label: c.label,
      status: c.status,
      detail: c.detail,
    })),
    calls: plan.calls.map((c) => ({
      service: c.service,
      operation: c.operation,
      summary: c.summary,
    })),
    blockers: plan.blockers,
    notes: plan.notes,
    protectedService: plan.protectedService,
    command: plan.command,
    fingerprint: plan.fingerprint,
    ...(file ? { file } : {}),
  };
}
