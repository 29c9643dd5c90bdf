/**
 * The CodeDeploy deployment engine: carries out what CreateDeployment, ContinueDeployment and
 * StopDeployment asked for (services/codedeploy/hooks.ts) over simulated time. lifecycle.ts
 * has the timeline, finish.ts the stops and failures, rollback.ts the rollback deployments.
 */
import { onAlarmStateChange } from '../../services/cloudwatch/alarms';
import { parseEcsAppSpec } from '../../services/codedeploy/appspec';
import { codeDeployState, getGroup } from '../../services/codedeploy/model';
import { onCodeDeploy } from '../../services/codedeploy/hooks';
import type { World } from '../../world/world';
import { requestStop, stopIfAlarming } from './finish';
import { beginRun, endTerminationWait, reroute } from './lifecycle';
import { findRun, guard, runsOf, type Run } from './run';

export { MAX_TASK_FAILURES } from './lifecycle';

/** Installs the engine on a world; returns the function that uninstalls it. */
export function installCodeDeployEngine(world: World): () => void {
  const watched = new Map<string, () => void>();
  const watchAlarms = (region: string) => {
    if (watched.has(region)) return;
    const off = onAlarmStateChange(world, region, (change) => {
      if (change.current !== 'ALARM') return;
      for (const run of runsOf(world).values()) {
        if (run.region !== region || run.phase === 'finished' || run.phase === 'created') continue;
        const group = getGroup(
          codeDeployState(world, region),
          run.rec.applicationName,
          run.rec.groupName,
        );
        if (!group.alarms.names.includes(change.alarmName)) continue;
        // alarm changes arrive inside an evaluation or a SetAlarmState call: act just after
        world.scheduler.after(0, () => guard(run, () => stopIfAlarming(run)));
      }
    });
    watched.set(region, off);
  };

  const offs = [
    onCodeDeploy(world, 'deploymentCreated', ({ region, deployment }) => {
      const run: Run = {
        world,
        region,
        rec: deployment,
        spec: parseEcsAppSpec(deployment.revision.content),
        gen: 0,
        phase: 'created',
        weight: 0,
        failures: 0,
      };
      runsOf(world).set(deployment.id, run);
      watchAlarms(region);
      beginRun(run);
    }),
    onCodeDeploy(world, 'continueRequested', ({ deployment, waitType }) => {
      const run = findRun(world, deployment.id);
      if (!run) return;
      guard(run, () => (waitType === 'READY_WAIT' ? reroute(run) : endTerminationWait(run)));
    }),
    onCodeDeploy(world, 'stopRequested', ({ deployment, autoRollbackEnabled }) => {
      const run = findRun(world, deployment.id);
      if (run) requestStop(run, autoRollbackEnabled);
    }),
  ];
  return () => {
    for (const off of offs) off();
    for (const off of watched.values()) off();
    watched.clear();
  };
}
