import { Option, type Command } from 'commander';
import { planDeploy } from '../../deploy/engine';
import { loadServiceContext } from '../../deploy/plan/service-context';
import { rollbackCandidates, type RollbackCandidate } from '../../deploy/rollback-targets';
import { strategyForService } from '../default-strategy';
import { addConfirmServiceFlag, addWaitFlags, readWait } from '../deploy-flags';
import { UsageError } from '../errors';
import { addGlobalOptions, EXIT_CODE_HELP, requireService, withDefault } from '../global-options';
import { guardMutation } from '../guard';
import type { Body, CandidateLine, ResultLine } from '../json-schema';
import { CLI_CODES } from '../output/reporter';
import type { CliRuntime } from '../runtime';
import { runHeadless, type Session } from '../session';
import { checkSupported } from '../strategy-flags';
import { actOnRollout, findInFlight } from './act';
import { applyAndFollow, engineOptions } from './apply-flow';

export function registerRollback(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('rollback')
    .description(
      'stop the rollout in flight and return to the last completed deployment, or --to an earlier one',
    )
    .addHelpText(
      'after',
      "\nIn flight, rollback uses the rollout's own rollback and exits 3 once it has rolled back.\n" +
        'After a rollout ended, --to deploys a revision from the real deployment history with the\n' +
        "service's strategy; that is a deployment like any other (exit 0 when it succeeds).\n" +
        EXIT_CODE_HELP,
    );
  addGlobalOptions(cmd);
  cmd.addOption(
    new Option(
      '--to <revision>',
      withDefault(
        'latest-good (newest completed deployment not running now), family:revision, a revision number or an ARN',
        'none; needed when nothing is in progress',
      ),
    ),
  );
  cmd.addOption(
    new Option(
      '--list',
      withDefault('list the revisions it can go back to and change nothing', 'off'),
    ),
  );
  addWaitFlags(cmd, true);
  addConfirmServiceFlag(cmd);
  cmd.action(() => runHeadless('rollback', cmd, rt, setExit, (s) => rollback(s, cmd)));
  return cmd;
}

async function rollback(s: Session, cmd: Command): Promise<Body<ResultLine>> {
  const where = requireService(s.opts, 'rollback');
  const flags = cmd.opts<{ to?: string; list?: boolean; confirmService?: string }>();
  s.where = where;
  if (flags.list) return list(s, where);
  guardMutation(s, 'roll back');
  const inFlight = await findInFlight(s, where);
  if (inFlight) {
    if (flags.to)
      throw new UsageError(
        `deployment ${inFlight.view.rolloutId} is in progress: rollback stops it and returns to the last completed deployment`,
        'leave out --to, or wait for it to end and then roll back --to a revision',
      );
    return actOnRollout(
      s,
      cmd,
      { command: 'rollback', action: 'rollback', verb: 'roll back' },
      inFlight,
    );
  }

  const gw = await s.gateway();
  const { service } = await loadServiceContext(gw, where.cluster, where.service, {
    signal: s.interrupts.signal,
  });
  const candidates = await rollbackCandidates(gw, service, where.cluster, {
    signal: s.interrupts.signal,
  });
  if (!flags.to) {
    throw new UsageError(
      `nothing in progress to roll back on ${where.cluster}/${where.service}`,
      `to go back to an earlier deployment pass --to latest-good or --to REVISION (${describe(candidates)})`,
    );
  }
  const chosen = pick(candidates, flags.to);
  const strategy = strategyForService(service);
  checkSupported(strategy);
  s.reporter.message({
    type: 'message',
    code: CLI_CODES.rollbackTarget,
    level: 'info',
    text: `rolling back ${where.service} to ${chosen.revisionLabel}${chosen.finishedAt ? `, completed ${chosen.finishedAt.toISOString()}` : ''}`,
    data: {
      taskDefinitionArn: chosen.taskDefinitionArn,
      serviceDeploymentArn: chosen.serviceDeploymentArn,
    },
  });
  const plan = await planDeploy(
    gw,
    {
      ...where,
      strategy,
      target: { kind: 'revision', taskDefinition: chosen.taskDefinitionArn },
      settings: {},
    },
    { ...engineOptions(s, gw), signal: s.interrupts.signal },
  );
  const { wait, until } = readWait(cmd, true);
  return applyAndFollow(s, gw, plan, {
    command: 'rollback',
    confirmService: flags.confirmService,
    wait,
    until,
  });
}

/** `latest-good`, `api:41`, `41` or a full ARN, among deployments that really completed. */
export function pick(candidates: RollbackCandidate[], to: string): RollbackCandidate {
  if (to === 'latest-good') {
    const found = candidates.find((c) => !c.current);
    if (!found)
      throw new UsageError(
        'no earlier completed deployment to roll back to',
        candidates.length
          ? `only ${candidates[0]!.revisionLabel} completed, and it runs now`
          : 'this service has no completed deployments in its history',
      );
    return found;
  }
  const found = candidates.find(
    (c) =>
      c.taskDefinitionArn === to ||
      c.revisionLabel === to ||
      c.revisionLabel.split(':').pop() === to,
  );
  if (!found)
    throw new UsageError(
      `revision "${to}" is not among this service's completed deployments`,
      `pick one of: ${describe(candidates)}`,
    );
  if (found.current)
    throw new UsageError(
      `the service already runs ${found.revisionLabel}`,
      `pick an earlier one: ${describe(candidates)}`,
    );
  return found;
}

function describe(candidates: RollbackCandidate[]): string {
  const earlier = candidates.filter((c) => !c.current).slice(0, 5);
  return earlier.length
    ? `candidates: ${earlier.map((c) => c.revisionLabel).join(', ')}`
    : 'no earlier completed deployments';
}

async function list(
  s: Session,
  where: { cluster: string; service: string },
): Promise<Body<ResultLine>> {
  const gw = await s.gateway();
  const { service } = await loadServiceContext(gw, where.cluster, where.service, {
    signal: s.interrupts.signal,
  });
  const candidates = await rollbackCandidates(gw, service, where.cluster, {
    signal: s.interrupts.signal,
  });
  const lines: Body<CandidateLine>[] = candidates.map((c) => ({
    type: 'rollback-candidate',
    revision: c.revisionLabel,
    taskDefinitionArn: c.taskDefinitionArn,
    current: c.current,
    ...(c.finishedAt ? { finishedAt: c.finishedAt.toISOString() } : {}),
    images: c.images.map((i) => i.image),
  }));
  s.reporter.candidates(lines);
  return {
    type: 'result',
    command: 'rollback',
    ...where,
    outcome: 'NONE',
    reason: `${lines.length} completed revision${lines.length === 1 ? '' : 's'}; nothing was changed`,
    exitCode: 0,
  };
}
