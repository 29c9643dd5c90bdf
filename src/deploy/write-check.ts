import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { Service } from '../aws/types';
import {
  describeError,
  ExpectedError,
  isAwsError,
  isUncertainWrite,
  type AwsErrorKind,
} from '../errors';
import type { IoHost } from './io-host';
import { revisionLabel } from './revision-label';

/**
 * Writes AWS gives no client token for (RegisterTaskDefinition, CreateDeployment,
 * ContinueDeployment, perf-reliability 4.3). When the reply to one is lost, the gateway does
 * not resend it (it may have happened); `landed()` reads AWS: a value means the write took
 * effect and that value is its result; undefined means it did not, and it is sent once more.
 */
export async function writeOnce<T>(
  what: string,
  write: () => Promise<T>,
  landed: () => Promise<T | undefined>,
  io: IoHost,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUncertainWrite(error)) throw error;
    const found = await landed();
    if (found !== undefined) {
      io.notify({
        code: 'ECSR_WRITE_I2010',
        level: 'info',
        text: `${what}: the reply was lost, but AWS shows it was done; it was not sent again`,
      });
      return found;
    }
    io.notify({
      code: 'ECSR_WRITE_W2011',
      level: 'warn',
      text: `${what}: the reply was lost and AWS shows it was not done; sending it once more`,
    });
    return write();
  }
}

/** Failures after which a write may still have happened: ask AWS before saying it did not. */
export function mayHaveApplied(error: unknown): boolean {
  if (isUncertainWrite(error)) return true;
  const kinds: AwsErrorKind[] = ['network', 'timeout', 'server', 'throttled'];
  return kinds.some((k) => isAwsError(error, k));
}

export interface FailedUpdate {
  cluster: string;
  service: string;
  /** What the update asked for. */
  taskDefinitionArn: string;
  /** What the service ran before it. */
  previousArn: string;
  /** Whether this apply registered the revision (it then exists either way). */
  registered: boolean;
}

/**
 * UpdateService failed. A reset, timeout, 5xx or throttle after the SDK's retries may follow
 * an attempt that AWS did carry out: read the service, and when it now runs the revision asked
 * for with a PRIMARY deployment of it, that is our deployment: return the service and go on.
 * Otherwise throw an error that says exactly what exists (the revision, if registered) and what
 * the service runs now.
 */
export async function afterFailedUpdate(
  gw: AwsGateway,
  failed: FailedUpdate,
  error: unknown,
  io: IoHost,
  opts: CallOptions = {},
): Promise<Service> {
  const { cluster, service, taskDefinitionArn, previousArn } = failed;
  const what = failed.registered ? `registered ${revisionLabel(taskDefinitionArn)}, but ` : '';
  const { message, hint } = describeError(error);
  let state = `The service was not changed and still runs ${revisionLabel(previousArn)}`;
  if (mayHaveApplied(error)) {
    let now: Service | undefined;
    try {
      now = (await gw.ecs.describeServices(cluster, [service], opts)).services[0];
    } catch {
      state = `It is not known whether the service changed (reading it failed too); check with: ecs-rollout status --cluster ${cluster} --service ${service}`;
    }
    const primary = now?.deployments.find(
      (d) => d.status === 'PRIMARY' && d.taskDefinitionArn === taskDefinitionArn,
    );
    if (now && primary && previousArn !== taskDefinitionArn) {
      io.notify({
        code: 'ECSR_WRITE_I2012',
        level: 'info',
        text: `UpdateService failed (${message}), but ECS shows the deployment of ${revisionLabel(taskDefinitionArn)} started: following it`,
        data: { deploymentId: primary.id, taskDefinitionArn },
      });
      return now;
    }
    if (now) state = `ECS shows the service unchanged: it still runs ${revisionLabel(previousArn)}`;
  }
  const wrapped = new ExpectedError(`${what}UpdateService failed: ${message}. ${state}`, hint);
  // keep the AWS error: the headless CLI exits 7 for access denied wherever it is wrapped
  wrapped.cause = error;
  throw wrapped;
}

/**
 * An action (stop, continue, roll back) whose call failed in a way that may hide success (every
 * reply lost, a timeout): true when `landed()` reads AWS and finds it done. The caller then
 * reports it as done; otherwise it says it is not known, never "nothing was changed".
 */
export async function landedAfterFailure(
  error: unknown,
  landed: () => Promise<boolean>,
): Promise<boolean> {
  if (!mayHaveApplied(error)) return false;
  try {
    return await landed();
  } catch {
    return false;
  }
}

/** What to add to a failed action's message when it may have reached AWS all the same. */
export function unknownOutcome(error: unknown): string {
  return mayHaveApplied(error)
    ? '; the request may have reached AWS and reading the state did not show it: watch the rollout before trying again'
    : '';
}

/** A service deployment shows a StopServiceDeployment of this type took effect. */
export function stopTookEffect(
  status: string | undefined,
  stopType: 'ROLLBACK' | 'ABORT',
): boolean {
  if (!status) return false;
  return stopType === 'ROLLBACK'
    ? status.startsWith('ROLLBACK_')
    : status === 'STOP_REQUESTED' || status === 'STOPPED';
}
