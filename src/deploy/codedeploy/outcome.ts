import type { CodeDeployDeployment } from '../../aws/types';
import type { Outcome } from '../outcome';
import { triggerOf } from './texts';

/**
 * Where a CodeDeploy deployment stands, truthfully (aws-semantics D.3, D.6):
 * - Succeeded: SUCCEEDED (production is on green and blue's wait is over).
 * - Failed or Stopped with a rollback deployment: IN_PROGRESS while that rollback runs, then
 *   ROLLED_BACK with CodeDeploy's reason (FAILED if the rollback itself failed).
 * - Stopped because nobody rerouted within the ready wait (TIMEOUT): TIMED_OUT.
 * - Stopped otherwise: STOPPED; Failed: FAILED, with CodeDeploy's error message.
 * - Ready: PAUSED, waiting for someone to reroute production traffic.
 * - Created, Queued, InProgress (the termination wait included), Baking: IN_PROGRESS.
 */
export function codeDeployOutcome(
  d: CodeDeployDeployment,
  rollback: CodeDeployDeployment | undefined,
): Outcome {
  const code = d.errorInformation?.code;
  const why = d.errorInformation?.message ?? `deployment ${d.id} ended ${d.status}`;
  const trigger = triggerOf(code);
  switch (d.status) {
    case 'Succeeded':
      return { kind: 'SUCCEEDED', reason: `deployment ${d.id} succeeded: production runs green` };
    case 'Failed':
    case 'Stopped': {
      const rollbackId = d.rollbackInfo?.rollbackDeploymentId;
      if (rollbackId) {
        const status = rollback?.status;
        if (status === 'Succeeded') {
          return {
            kind: 'ROLLED_BACK',
            reason: `${why} (${code ?? d.status}); rollback ${rollbackId} put production back on blue`,
            trigger,
          };
        }
        if (status === 'Failed' || status === 'Stopped') {
          return {
            kind: 'FAILED',
            reason: `${why}; the rollback ${rollbackId} ended ${status}: ${rollback?.errorInformation?.message ?? 'no reason given'}`,
            trigger,
          };
        }
        return {
          kind: 'IN_PROGRESS',
          reason: `rolling back (${rollbackId} ${status ?? 'starting'}): ${why}`,
          trigger,
        };
      }
      if (code === 'TIMEOUT') return { kind: 'TIMED_OUT', reason: why, trigger };
      if (d.status === 'Stopped') return { kind: 'STOPPED', reason: why, trigger };
      return { kind: 'FAILED', reason: why, trigger };
    }
    case 'Ready':
      return {
        kind: 'PAUSED',
        reason: 'green is ready; production traffic waits for a reroute (p)',
      };
    default:
      return { kind: 'IN_PROGRESS', reason: `deployment ${d.id} is ${d.status}` };
  }
}

/** A rollback is running for this deployment: its own status is final, the rollback's is not. */
export function isRollingBack(d: CodeDeployDeployment, outcome: Outcome): boolean {
  return outcome.kind === 'IN_PROGRESS' && !!d.rollbackInfo?.rollbackDeploymentId;
}
