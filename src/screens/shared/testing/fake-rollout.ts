/**
 * Test-only: RolloutViews built from a few facts, and a controller that answers polls with
 * prepared views, so the monitor can be shown in every state without a simulator.
 */
import type { IoHost } from '../../../deploy/io-host';
import type { Outcome } from '../../../deploy/outcome';
import type {
  ActionAvailability,
  ActionResult,
  RolloutActionId,
  RolloutController,
  RolloutView,
  StrategyId,
} from '../../../deploy/types';
import { allUnavailable, available, unavailable } from '../../../deploy/view-parts';

export const T0 = Date.parse('2026-11-26T09:00:00Z');

export function makeView(patch: Partial<RolloutView> = {}): RolloutView {
  return {
    strategy: 'rolling',
    cluster: 'prod',
    service: 'api',
    rolloutId: 'ecs-svc/1234567890',
    state: 'IN_PROGRESS',
    stateLabel: 'IN_PROGRESS · api:14',
    startedAt: new Date(T0),
    startedBy: 'arn:aws:sts::123456789012:assumed-role/deployer/alice',
    targetTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:14',
    deployments: [
      {
        role: 'PRIMARY',
        id: 'ecs-svc/1234567890',
        status: 'PRIMARY',
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:14',
        revisionLabel: 'api:14',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v2.15.0',
        desired: 4,
        running: 2,
        pending: 1,
        failed: 0,
        rolloutState: 'IN_PROGRESS',
      },
      {
        role: 'ACTIVE',
        id: 'ecs-svc/1111111111',
        status: 'ACTIVE',
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:13',
        revisionLabel: 'api:13',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v2.14.0',
        desired: 4,
        running: 4,
        pending: 0,
        failed: 0,
        rolloutState: 'COMPLETED',
      },
    ],
    circuitBreaker: { enabled: true, failures: 0, threshold: 3 },
    traffic: [],
    stages: [],
    hooks: [],
    gates: [],
    metrics: [],
    events: [
      {
        at: new Date(T0 + 20_000),
        message: '(service api) has started 2 tasks: (task a) (task b).',
        severity: 'info',
      },
    ],
    stoppedTasks: [],
    actions: rollingActions(true),
    fetchedAt: new Date(T0 + 30_000),
    ...patch,
  };
}

/** A rolling rollout's actions: only roll back and abort, and only while it runs. */
export function rollingActions(running: boolean): Record<RolloutActionId, ActionAvailability> {
  const base = allUnavailable(
    'a rolling update has no promote step: ECS finishes it once the new tasks are healthy',
  );
  if (!running) {
    // as the rolling controller says once a deployment is final
    base.rollback = unavailable(
      'roll back',
      'this deployment has finished: press R on the service to pick an earlier deployment',
    );
    base.abort = unavailable('abort', 'this deployment has finished');
    return base;
  }
  base.rollback = available('roll back', {
    title: 'Roll back api',
    lines: [
      'StopServiceDeployment arn:aws:ecs:...:service-deployment/prod/api/x stopType=ROLLBACK',
    ],
    dangerous: true,
  });
  return base;
}

export function finalView(
  state: RolloutView['state'],
  outcome: Outcome,
  patch: Partial<RolloutView> = {},
) {
  // a final view whose deployments have settled (a rollback that finished), unless patched
  const settled = makeView().deployments.map((d) => ({
    ...d,
    running: d.desired,
    pending: 0,
    rolloutState: 'COMPLETED',
  }));
  return makeView({
    state,
    outcome,
    deployments: settled,
    stateLabel: state.replace('_', ' '),
    finishedAt: new Date(T0 + 95_000),
    actions: rollingActions(false),
    ...patch,
  });
}

/** Answers each poll with the next prepared view (the last one repeats), or a prepared error. */
export class FakeController implements RolloutController {
  readonly strategy: StrategyId;
  polls = 0;
  readonly acted: RolloutActionId[] = [];
  private queue: (RolloutView | Error)[];

  constructor(
    views: (RolloutView | Error)[],
    readonly clientDriven = false,
    private readonly result: ActionResult = { ok: true, message: 'rollback requested' },
  ) {
    this.queue = [...views];
    const first = views.find((v): v is RolloutView => !(v instanceof Error));
    this.strategy = first?.strategy ?? 'rolling';
  }

  /** Replaces what the next polls answer. */
  next(...views: (RolloutView | Error)[]): void {
    this.queue = [...views];
  }

  private held: (() => void)[] | undefined;

  /** Polls from now on wait (a slow read) until the returned function is called. */
  holdPolls(): () => void {
    const waiting: (() => void)[] = [];
    this.held = waiting;
    return () => {
      this.held = undefined;
      for (const go of waiting) go();
    };
  }

  poll(): Promise<RolloutView> {
    this.polls += 1;
    const item = this.queue.length > 1 ? this.queue.shift()! : this.queue[0]!;
    const answer = () => (item instanceof Error ? Promise.reject(item) : Promise.resolve(item));
    const held = this.held;
    if (!held) return answer();
    return new Promise<void>((resolve) => held.push(resolve)).then(answer);
  }

  async act(action: RolloutActionId, io: IoHost): Promise<ActionResult> {
    const view = this.queue.find((v): v is RolloutView => !(v instanceof Error));
    const availability = view?.actions[action];
    if (!availability?.available) return { ok: false, message: availability?.reason ?? 'no view' };
    if (!(await io.confirm(availability.confirm)))
      return { ok: false, message: `${availability.label} cancelled` };
    this.acted.push(action);
    return this.result;
  }
}

/** A rollout with every panel: an ALB canary at a gate, with metrics and failures. */
export function busyView(): RolloutView {
  const events = Array.from({ length: 30 }, (_, i) => ({
    // newest first, as views carry them
    at: new Date(T0 + (29 - i) * 1000),
    message: `(service api) event ${29 - i}`,
    severity: 'info' as const,
  }));
  return makeView({
    strategy: 'alb-canary',
    step: { index: 2, total: 4, label: 'canary 25%' },
    stages: [
      { name: 'step 10%', state: 'done' },
      { name: 'step 25%', state: 'current', endsAt: new Date(T0 + 300_000) },
      { name: 'step 50%', state: 'pending' },
      { name: 'step 100%', state: 'pending' },
    ],
    traffic: [
      {
        label: 'stable',
        targetGroupArn: 'tg/a',
        targetGroupName: 'api-stable',
        setWeight: 75,
        actualWeight: 75,
        healthy: 4,
        unhealthy: 0,
        draining: 0,
        initial: 0,
      },
      {
        label: 'canary',
        targetGroupArn: 'tg/b',
        targetGroupName: 'api-canary',
        setWeight: 25,
        actualWeight: 25,
        healthy: 2,
        unhealthy: 0,
        draining: 0,
        initial: 0,
      },
    ],
    gates: [
      { name: 'targets healthy', status: 'pass', detail: '2/2 healthy' },
      { name: '5xx rate', status: 'pending', detail: 'waiting for 100 requests' },
    ],
    metrics: [
      { label: 'api-stable', requests: [5, 6, 7, 8], errors5xx: [0, 0, 0, 0] },
      { label: 'api-canary', requests: [1, 2, 2, 3], errors5xx: [0, 1, 0, 0] },
    ],
    events,
    stoppedTasks: [{ reason: 'TaskFailedToStart: exit code 1', count: 2 }],
  });
}

/** ECS blue/green moving production 10 % to green, test all on green; long target-group names. */
export function trafficView(): RolloutView {
  const row = (
    route: 'production' | 'test',
    label: 'blue' | 'green',
    weight: number,
  ): RolloutView['traffic'][number] => ({
    label,
    route,
    targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${label}/1`,
    targetGroupName: `production-checkout-${label}-tg-2024`,
    setWeight: weight,
    actualWeight: weight,
    healthy: 3,
    unhealthy: 0,
    draining: 0,
    initial: 0,
  });
  return makeView({
    strategy: 'canary',
    step: { index: 3, total: 6, label: 'production 10%' },
    traffic: [
      row('production', 'blue', 90),
      row('production', 'green', 10),
      row('test', 'blue', 0),
      row('test', 'green', 100),
    ],
  });
}
