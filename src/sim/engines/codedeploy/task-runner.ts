/**
 * Tasks of a CodeDeploy task set: what ECS does for CreateTaskSet and DeleteTaskSet. The ECS
 * engine's task lifecycle (task-lifecycle.ts) launches tasks of ECS deployments into the
 * service's target groups; a task set's tasks go into the set's own group, so they are run
 * here, at the same pace (timings.ts: PROVISIONING -> PENDING -> ACTIVATING -> RUNNING) and
 * with the same image behaviours (behaviourOfTask): `crash-on-start` exits in ACTIVATING and
 * never reaches RUNNING, `fail-health-check` fails every target check, `slow-start` times out
 * until it is ready. RUNNING tasks register in the set's target group and must pass its
 * checks (aws-semantics B.8, E.4). A target still unhealthy once the service's health-check
 * grace period is over gets its task stopped and replaced. The ECS engine's synthetic traffic
 * finds these tasks by IP, so an `http-5xx` green set feeds the group's alarms.
 */
import {
  onTargetHealthChange,
  registerTarget,
  deregisterTarget,
} from '../../services/elbv2/targets';
import type { HealthProbe } from '../../services/elbv2/targets';
import { resolveEcrImage } from '../../services/ecr/state';
import { addServiceEvent, eventText, stoppedReasonText } from '../../services/ecs/events';
import type { EcsScope } from '../../services/ecs/state';
import { computedDesiredCount, setTaskSetStability } from '../../services/ecs/task-sets';
import { setTaskHealth, setTaskStatus, startTask, stopTask } from '../../services/ecs/tasks';
import type { ServiceRec, TaskDefinitionRec, TaskRec, TaskSetRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import { stopAfterDrain, targetOf } from './task-set-drain';
import { behaviourOfTask } from '../task-lifecycle';
import { draw, TIMING } from '../timings';

const CONTAINER_HEALTHY_MS = 10_000;
const REPLACE_AFTER_MS = 10_000;

export interface TaskSetTarget {
  world: World;
  region: string;
  scope: EcsScope;
  service: ServiceRec;
  set: TaskSetRec;
  targetGroupArn: string;
  containerPort: number;
}

export interface RunnerOptions extends TaskSetTarget {
  taskDefinition: TaskDefinitionRec;
  /** Counts or states changed (the deployment target shows them). */
  onChange(): void;
  /** Every desired task is RUNNING and healthy in the target group; called once. */
  onStable(): void;
  /** A task failed to start or failed its health checks. */
  onFailure(reason: string): void;
}

/** Two live tasks of a service must not share an IP: a target is `ip:port` in its group. */
function uniqueIp(service: ServiceRec, task: TaskRec): void {
  const prefix = task.privateIp.slice(0, task.privateIp.lastIndexOf('.') + 1);
  const taken = (ip: string) =>
    [...service.tasks.values()].some(
      (t) => t !== task && t.privateIp === ip && t.lastStatus !== 'STOPPED',
    );
  let n = 4;
  while (taken(task.privateIp) && n < 255) task.privateIp = `${prefix}${n++}`;
}

interface Entry {
  task: TaskRec;
  healthy: boolean;
}

/** Starts the set's tasks and keeps them at its computed desired count. Returns stop(). */
export function runTaskSet(o: RunnerOptions): () => void {
  const { world, region, scope, service, set } = o;
  const entries = new Map<string, Entry>();
  let active = true;
  let stable = false;
  let registered = 0;
  const live = () => [...entries.values()].filter((e) => e.task.desiredStatus !== 'STOPPED');
  const behaviour = (task: TaskRec) => behaviourOfTask(world, task);

  const checkStable = () => {
    if (stable || !active) return;
    const ready = live().filter((e) => e.task.lastStatus === 'RUNNING' && e.healthy).length;
    if (ready < computedDesiredCount(service, set)) return;
    stable = true;
    setTaskSetStability(set, 'STEADY_STATE', world.now);
    addServiceEvent(scope, service, eventText.steadyState(service.name));
    o.onStable();
  };

  /** A failed start never got RUNNING (STOPPED at once); an unhealthy target drains first. */
  const fail = (
    entry: Entry,
    stopCode: 'EssentialContainerExited' | 'TaskFailedToStart' | 'ServiceSchedulerInitiated',
    reason: string,
  ) => {
    const { task } = entry;
    if (task.desiredStatus === 'STOPPED') return;
    if (stopCode !== 'ServiceSchedulerInitiated') {
      stopTask(task, { stopCode, stoppedReason: reason, lastStatus: 'STOPPED' }, world.now);
    } else {
      stopTask(task, { stopCode, stoppedReason: reason }, world.now);
      deregisterTarget(world, region, o.targetGroupArn, targetOf(task, o.containerPort), () =>
        stopAfterDrain(world, task, () => o.onChange()),
      );
    }
    o.onChange();
    o.onFailure(reason);
    if (active) world.scheduler.after(REPLACE_AFTER_MS, fill);
  };

  const running = (entry: Entry) => {
    const { task } = entry;
    if (task.desiredStatus === 'STOPPED') return;
    setTaskStatus(task, 'RUNNING', world.now);
    o.onChange();
    const kind = behaviour(task);
    const startedAt = world.now;
    const probe: HealthProbe | undefined =
      kind === 'fail-health-check'
        ? () => 'fail'
        : kind === 'slow-start'
          ? () => (world.now - startedAt < TIMING.slowStart ? 'timeout' : 'ok')
          : undefined;
    registerTarget(world, region, o.targetGroupArn, targetOf(task, o.containerPort), probe);
    // tasks that come up together share one "registered N targets" event, as ECS writes it
    if (registered++ === 0) {
      world.scheduler.after(TIMING.registerWindow, () => {
        addServiceEvent(
          scope,
          service,
          eventText.registeredTargets(service.name, registered, o.targetGroupArn),
        );
        registered = 0;
      });
    }
    if (task.containers.some((c) => c.hasHealthCheck)) {
      world.scheduler.after(CONTAINER_HEALTHY_MS, () => {
        if (task.lastStatus === 'RUNNING') setTaskHealth(task, 'HEALTHY');
      });
    }
  };

  const fill = () => {
    if (!active) return;
    const missing = computedDesiredCount(service, set) - live().length;
    const started: string[] = [];
    for (let i = 0; i < missing; i++) {
      const task = startTask(scope, {
        cluster: scope.ecs.clusters.get(service.clusterName)!,
        taskDefinition: o.taskDefinition,
        service,
        ownerId: set.id,
        ...(set.launchType ? { launchType: set.launchType } : {}),
        ...(set.platformVersion ? { platformVersion: set.platformVersion } : {}),
        ...(set.networkConfiguration ? { networkConfiguration: set.networkConfiguration } : {}),
      });
      const entry: Entry = { task, healthy: false };
      entries.set(task.id, entry);
      started.push(task.id);
      uniqueIp(service, task);
      const provision = draw(world.rng, TIMING.provision);
      const pull = provision + draw(world.rng, TIMING.pull);
      const step = (ms: number, status: 'PENDING' | 'ACTIVATING') =>
        world.scheduler.after(ms, () => {
          if (task.desiredStatus === 'STOPPED') return;
          setTaskStatus(task, status, world.now);
          o.onChange();
        });
      step(provision, 'PENDING');
      const missing = task.containers.find(
        (c) => resolveEcrImage(world, c.image).kind === 'missing',
      );
      if (missing) {
        world.scheduler.after(pull, () =>
          fail(entry, 'TaskFailedToStart', stoppedReasonText.cannotPullMissingImage(missing.image)),
        );
        continue;
      }
      step(pull, 'ACTIVATING');
      if (behaviour(task) === 'crash-on-start') {
        // the essential container exits before ECS sees the task RUNNING
        world.scheduler.after(pull + draw(world.rng, TIMING.crash), () => {
          for (const c of task.containers) if (c.essential) c.exitCode = 1;
          fail(entry, 'EssentialContainerExited', stoppedReasonText.essentialExited());
        });
      } else world.scheduler.after(pull + draw(world.rng, TIMING.activate), () => running(entry));
    }
    if (started.length > 0) {
      addServiceEvent(scope, service, eventText.startedTasks(service.name, started));
      o.onChange();
    }
    checkStable();
  };

  const graceMs = service.healthCheckGracePeriodSeconds * 1000;
  const unsubscribe = onTargetHealthChange(world, region, (change) => {
    if (change.targetGroupArn !== o.targetGroupArn) return;
    const entry = [...entries.values()].find(
      (e) => e.task.privateIp === change.target.id && change.target.port === o.containerPort,
    );
    if (!entry || entry.task.desiredStatus === 'STOPPED') return;
    entry.healthy = change.current.state === 'healthy';
    if (entry.healthy) checkStable();
    if (change.current.state !== 'unhealthy') return;
    // ECS ignores load balancer health during the grace period, then acts on what it sees
    const graceEnds = (entry.task.startedAt ?? world.now) + graceMs;
    const judge = () => {
      if (entry.healthy || entry.task.desiredStatus === 'STOPPED') return;
      addServiceEvent(
        scope,
        service,
        eventText.unhealthyInTargetGroup(
          service.name,
          entry.task.id,
          o.containerPort,
          o.targetGroupArn,
          change.current.reason ?? 'Target.FailedHealthChecks',
        ),
      );
      fail(entry, 'ServiceSchedulerInitiated', stoppedReasonText.elbHealth(o.targetGroupArn));
    };
    if (world.now >= graceEnds) judge();
    else world.scheduler.at(graceEnds, judge);
  });

  fill();
  return () => {
    active = false;
    unsubscribe();
  };
}
