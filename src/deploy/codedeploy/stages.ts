import type {
  CodeDeployDeployment,
  DeploymentConfig,
  DeploymentGroup,
  EcsDeploymentTarget,
  LifecycleEvent,
} from '../../aws/types';
import type { StageRow } from '../types';

// The monitor's stages for CodeDeploy: the eight ECS lifecycle events in order (aws-semantics
// D.4), with the ready wait between AfterAllowTestTraffic and BeforeAllowTraffic and blue's
// termination wait after AfterAllowTraffic, each with its countdown.

export const ECS_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;

export const READY_WAIT_STAGE = 'Ready wait (reroute)';
export const TERMINATION_WAIT_STAGE = 'Termination wait (blue kept)';

const MINUTE = 60_000;
const FINAL = new Set(['Succeeded', 'Failed', 'Stopped']);

function eventState(e: LifecycleEvent | undefined): StageRow['state'] {
  switch (e?.status) {
    case 'Succeeded':
      return 'done';
    case 'InProgress':
      return 'current';
    case 'Failed':
      return 'failed';
    case 'Skipped':
      return 'skipped';
    default:
      return 'pending';
  }
}

const at = (d: Date | undefined, minutes: number) =>
  d ? new Date(d.getTime() + minutes * MINUTE) : undefined;

export interface StageInput {
  deployment: CodeDeployDeployment;
  target?: EcsDeploymentTarget;
  group?: DeploymentGroup;
  config?: DeploymentConfig;
  /** Green's share of production traffic as CodeDeploy reports it. */
  greenWeight: number;
  /** The rollback deployment CodeDeploy started for this one, once read. */
  rollback?: CodeDeployDeployment;
}

export function codeDeployStages(input: StageInput): StageRow[] {
  const { deployment: d, target, group } = input;
  const events = new Map((target?.lifecycleEvents ?? []).map((e) => [e.name, e]));
  const final = FINAL.has(d.status);
  const rows: StageRow[] = [];
  for (const name of ECS_EVENTS) {
    const e = events.get(name);
    const row: StageRow = { name, state: eventState(e) };
    if (e?.diagnostics?.message) row.detail = e.diagnostics.message;
    if (name === 'AllowTraffic' && row.state === 'current') Object.assign(row, shifting(input, e));
    rows.push(row);
    if (name === 'AfterAllowTestTraffic') {
      const wait = group?.readyOption?.waitTimeInMinutes ?? d.readyOption?.waitTimeInMinutes ?? 0;
      if (wait > 0)
        rows.push(readyWait(d, wait, e, events.get('BeforeAllowTraffic'), final, group));
    }
    if (name === 'AfterAllowTraffic') {
      const term = group?.termination ?? d.termination;
      if (term?.action !== 'KEEP_ALIVE')
        rows.push(terminationWait(d, term?.waitTimeInMinutes ?? 0, e, final));
    }
  }
  const rollbackId = d.rollbackInfo?.rollbackDeploymentId;
  if (rollbackId) rows.push(rollbackStage(rollbackId, input.rollback));
  return rows;
}

/** CodeDeploy's rollback deployment, after the events of the one it undoes (D.6). */
function rollbackStage(id: string, rb: CodeDeployDeployment | undefined): StageRow {
  const name = `Rollback ${id}`;
  if (rb?.status === 'Succeeded')
    return { name, state: 'done', detail: 'production and test traffic are back on blue' };
  if (rb && FINAL.has(rb.status))
    return { name, state: 'failed', detail: rb.errorInformation?.message ?? rb.status };
  return { name, state: 'current', detail: 'CodeDeploy is putting traffic back on blue' };
}

function readyWait(
  d: CodeDeployDeployment,
  minutes: number,
  before: LifecycleEvent | undefined,
  after: LifecycleEvent | undefined,
  final: boolean,
  group: DeploymentGroup | undefined,
): StageRow {
  const stops =
    (group?.readyOption?.actionOnTimeout ?? d.readyOption?.actionOnTimeout) === 'STOP_DEPLOYMENT';
  if (d.status === 'Ready') {
    const endsAt = at(before?.endTime, minutes);
    return {
      name: READY_WAIT_STAGE,
      state: 'current',
      detail: `green is on the test listener; p reroutes production now${stops ? ', or the deployment stops' : ', or it moves by itself'} when the wait ends`,
      ...(endsAt ? { endsAt } : {}),
    };
  }
  // rerouted: BeforeAllowTraffic started (a stop marks the events it never ran Skipped)
  if (after && ['InProgress', 'Succeeded', 'Failed'].includes(after.status))
    return { name: READY_WAIT_STAGE, state: 'done' };
  if (final) {
    // it ended while waiting (timed out or stopped), or before green was ever ready
    const waited = before?.status === 'Succeeded';
    return {
      name: READY_WAIT_STAGE,
      state: waited ? 'failed' : 'skipped',
      ...(waited ? { detail: d.errorInformation?.message ?? `ended ${d.status}` } : {}),
    };
  }
  return { name: READY_WAIT_STAGE, state: 'pending' };
}

function terminationWait(
  d: CodeDeployDeployment,
  minutes: number,
  afterAllowTraffic: LifecycleEvent | undefined,
  final: boolean,
): StageRow {
  if (d.status === 'Succeeded') return { name: TERMINATION_WAIT_STAGE, state: 'done' };
  if (d.instanceTerminationWaitTimeStarted && !final) {
    const endsAt = at(afterAllowTraffic?.endTime, minutes);
    return {
      name: TERMINATION_WAIT_STAGE,
      state: 'current',
      detail:
        'production is on green; blue stays for a rollback until the wait ends (promote ends it now)',
      ...(endsAt ? { endsAt } : {}),
    };
  }
  if (final) {
    return {
      name: TERMINATION_WAIT_STAGE,
      state: d.instanceTerminationWaitTimeStarted ? 'failed' : 'skipped',
    };
  }
  return { name: TERMINATION_WAIT_STAGE, state: 'pending' };
}

/** While AllowTraffic runs a canary or linear config: where traffic is and when it moves next. */
function shifting(input: StageInput, e: LifecycleEvent | undefined): Partial<StageRow> {
  const routing = input.config?.trafficRouting;
  const pct = input.greenWeight;
  if (!routing || routing.type === 'AllAtOnce' || !e?.startTime) {
    return { detail: `production ${pct}% on green` };
  }
  const step = routing.percentage ?? 10;
  const interval = routing.intervalMinutes ?? 0;
  // canary: one wait after the first step; linear: one per step until 100
  const done = routing.type === 'TimeBasedCanary' ? (pct >= step ? 1 : 0) : Math.round(pct / step);
  const last = routing.type === 'TimeBasedCanary' ? 1 : Math.ceil(100 / step) - 1;
  if (pct >= 100 || done > last || done === 0) return { detail: `production ${pct}% on green` };
  const endsAt = at(e.startTime, done * interval);
  const next = routing.type === 'TimeBasedCanary' ? 100 : Math.min(100, pct + step);
  return {
    detail: `production ${pct}% on green, ${next}% next`,
    ...(endsAt ? { endsAt } : {}),
  };
}
