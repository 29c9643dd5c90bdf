/**
 * The rollback deployment CodeDeploy starts for a failed or stopped one (aws-semantics D.6):
 * a new deployment with creator `codeDeployRollback`, linked both ways through rollbackInfo,
 * that reroutes traffic to the original (blue) task set and removes the replacement.
 *
 * Timeline: +1 s InProgress; the eight events take 1 s each (Install has nothing to do, the
 * original set still runs); AllowTestTraffic points the test listener back at blue;
 * AllowTraffic puts production 100 % on blue and makes blue PRIMARY again; then the
 * replacement set drains and the rollback is Succeeded (about 10 s in all). Its target keeps
 * the labels of the deployment it undoes: Blue is the original set, Green the replacement
 * (unverified). The rollbackMessage texts are ours (aws-semantics D.6: unverified).
 */
import { parseEcsAppSpec } from '../../services/codedeploy/appspec';
import { ecsAppSpec } from '../../services/codedeploy/builder';
import {
  createDeployment,
  setDeploymentStatus,
  setLifecycleEvent,
  setTargetStatus,
  updateDeployment,
} from '../../services/codedeploy/deployments';
import { ECS_LIFECYCLE_EVENTS } from '../../services/codedeploy/state';
import { setPrimaryTaskSet } from '../../services/ecs/task-sets';
import { later, runsOf, SECOND, type Run } from './run';
import { syncTaskSets } from './sync';
import { drainTaskSet } from './task-set-drain';
import { pointListenerAt, setProductionWeights } from './traffic';

const STEP_MS = SECOND;

export function startRollback(failed: Run): Run {
  const { world, region } = failed;
  const res = failed.res!;
  const blueLb = res.blue.set.loadBalancers.find((l) => l.containerName) ?? {};
  const content = ecsAppSpec({
    taskDefinitionArn: res.blue.set.taskDefinition,
    containerName: blueLb.containerName ?? failed.spec.containerName,
    containerPort: blueLb.containerPort ?? failed.spec.containerPort,
  });
  const rec = createDeployment(world, region, {
    applicationName: failed.rec.applicationName,
    groupName: failed.rec.groupName,
    configName: 'CodeDeployDefault.ECSAllAtOnce',
    appSpecContent: content,
    creator: 'codeDeployRollback',
    autoRollback: { enabled: false, events: [] },
  });
  updateDeployment(world, region, failed.rec.id, {
    rollbackInfo: {
      rollbackDeploymentId: rec.id,
      rollbackMessage: `Deployment ${failed.rec.id} was rolled back by deployment ${rec.id}: traffic is back on the original task set ${res.blue.set.id}`,
    },
  });
  updateDeployment(world, region, rec.id, {
    rollbackInfo: {
      rollbackTriggeringDeploymentId: failed.rec.id,
      rollbackMessage: `Rollback of deployment ${failed.rec.id}, which ended ${failed.rec.status} (${failed.rec.errorInformation?.code ?? 'no error code'})`,
    },
  });
  const run: Run = {
    world,
    region,
    rec,
    spec: parseEcsAppSpec(content),
    gen: 0,
    phase: 'created',
    res,
    weight: failed.weight,
    failures: 0,
  };
  runsOf(world).set(rec.id, run);
  later(run, STEP_MS, () => {
    run.phase = 'events';
    setDeploymentStatus(world, region, rec.id, 'InProgress');
    setTargetStatus(world, region, rec.id, 'InProgress');
    syncTaskSets(run);
    step(run, 0);
  });
  return run;
}

function step(run: Run, index: number): void {
  const { world, region, rec } = run;
  const res = run.res!;
  const name = ECS_LIFECYCLE_EVENTS[index];
  if (!name) {
    drainTaskSet(
      { world, region, scope: res.scope, service: res.service, set: res.green.set! },
      () => syncTaskSets(run),
    );
    syncTaskSets(run, true);
    run.phase = 'finished';
    setTargetStatus(world, region, rec.id, 'Succeeded');
    setDeploymentStatus(world, region, rec.id, 'Succeeded');
    return;
  }
  setLifecycleEvent(world, region, rec.id, name, 'InProgress');
  if (name === 'AllowTestTraffic' && res.testListenerArn)
    pointListenerAt(world, region, res.testListenerArn, res.blue.targetGroupArn);
  if (name === 'AllowTraffic') {
    run.weight = 0;
    setProductionWeights(
      world,
      region,
      res.prodListenerArn,
      res.blue.targetGroupArn,
      res.green.targetGroupArn,
      0,
    );
    setPrimaryTaskSet(res.service, res.blue.set, world.now);
    syncTaskSets(run);
  }
  later(run, STEP_MS, () => {
    setLifecycleEvent(world, region, rec.id, name, 'Succeeded');
    step(run, index + 1);
  });
}
