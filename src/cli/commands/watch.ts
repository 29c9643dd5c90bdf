import { Option, type Command } from 'commander';
import type { AwsGateway } from '../../aws';
import { attachRollout } from '../../deploy/attach';
import { exitCodeFor } from '../../deploy/outcome';
import { loadServiceContext } from '../../deploy/plan/service-context';
import { serviceDeploymentOutcome } from '../../deploy/rolling/service-deployment-outcome';
import { revisionLabel } from '../../deploy/revision-label';
import { follow } from '../follow';
import { addGlobalOptions, EXIT_CODE_HELP, requireService, withDefault } from '../global-options';
import type { Body, ResultLine } from '../json-schema';
import { CLI_CODES } from '../output/reporter';
import type { CliRuntime } from '../runtime';
import { runHeadless, type Session } from '../session';
import type { WaitUntil } from '../wait';

export function registerWatch(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('watch')
    .description(
      'follow the rollout in progress (started by anyone) until it ends; exit by its outcome',
    )
    .addHelpText(
      'after',
      '\nWith nothing in progress, watch reports how the last deployment ended and exits by that\n' +
        'outcome (3 if it rolled back), or 0 when the service has no deployment history.\n' +
        EXIT_CODE_HELP,
    );
  addGlobalOptions(cmd);
  cmd.addOption(
    new Option(
      '--wait-until <point>',
      withDefault(
        'stable: final outcome and the service settled; deployed: final outcome; paused: also return (exit 5) at a pause',
        'stable',
      ),
    ).choices(['stable', 'deployed', 'paused']),
  );
  cmd.action(() => runHeadless('watch', cmd, rt, setExit, (s) => watch(s, cmd)));
  return cmd;
}

async function watch(s: Session, cmd: Command): Promise<Body<ResultLine>> {
  const where = requireService(s.opts, 'watch');
  const until = cmd.opts<{ waitUntil?: WaitUntil }>().waitUntil ?? 'stable';
  s.where = where;
  const gw = await s.gateway();
  const signal = s.interrupts.signal;
  const { service } = await loadServiceContext(gw, where.cluster, where.service, { signal });
  const controller = await attachRollout(gw, where.cluster, service, {
    signal,
    now: () => gw.clock.now(),
  });
  if (!controller) return lastDeployment(s, gw, where);
  return follow(s, controller, { command: 'watch', ...where, until });
}

/**
 * Nothing in progress: the most recent deployment decides, so `deploy --no-wait` followed later
 * by `watch` reports a rollback that already happened (exit 3), not a green 0.
 */
async function lastDeployment(
  s: Session,
  gw: AwsGateway,
  where: { cluster: string; service: string },
): Promise<Body<ResultLine>> {
  const signal = s.interrupts.signal;
  s.reporter.message({
    type: 'message',
    code: CLI_CODES.nothingInProgress,
    level: 'info',
    text: `no rollout in progress on ${where.cluster}/${where.service}`,
  });
  const [latest] = await gw.ecs.listServiceDeployments(
    where.cluster,
    where.service,
    { max: 1 },
    { signal },
  );
  const [sd] = latest ? await gw.ecs.describeServiceDeployments([latest.arn], { signal }) : [];
  const outcome = sd ? serviceDeploymentOutcome(sd) : undefined;
  if (!sd || !outcome || outcome.kind === 'IN_PROGRESS') {
    return {
      type: 'result',
      command: 'watch',
      ...where,
      outcome: 'NONE',
      reason: 'nothing in progress and no finished deployment to report',
      exitCode: 0,
    };
  }
  const revisionArn = sd.targetServiceRevision?.arn ?? sd.targetServiceRevisionArn;
  const [revision] = revisionArn
    ? await gw.ecs.describeServiceRevisions([revisionArn], { signal })
    : [];
  const td = revision?.taskDefinitionArn;
  return {
    type: 'result',
    command: 'watch',
    ...where,
    // the service deployment's id: ECS's ecs-svc/ id is gone from the service once it ended
    deploymentId: sd.arn.split('/').pop() ?? sd.arn,
    ...(td ? { taskDefinitionArn: td, revision: revisionLabel(td) } : {}),
    ...(sd.startedAt ? { startedAt: sd.startedAt.toISOString() } : {}),
    ...(sd.finishedAt ? { finishedAt: sd.finishedAt.toISOString() } : {}),
    ...(sd.startedAt && sd.finishedAt
      ? { durationMs: sd.finishedAt.getTime() - sd.startedAt.getTime() }
      : {}),
    outcome: outcome.kind,
    reason: `nothing in progress; the last deployment ended ${outcome.kind.replace('_', ' ').toLowerCase()}: ${outcome.reason}`,
    ...(outcome.trigger ? { trigger: outcome.trigger } : {}),
    exitCode: exitCodeFor(outcome.kind),
  };
}
