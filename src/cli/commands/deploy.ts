import { Option, type Command } from 'commander';
import type { AwsGateway } from '../../aws';
import { planDeploy } from '../../deploy/engine';
import { loadServiceContext } from '../../deploy/plan/service-context';
import type { DeployPlan, DeployRequest } from '../../deploy/plan/types';
import { strategyForService } from '../default-strategy';
import {
  addConfirmServiceFlag,
  addTargetFlags,
  addWaitFlags,
  readTarget,
  readWait,
} from '../deploy-flags';
import { UsageError } from '../errors';
import { addGlobalOptions, EXIT_CODE_HELP, requireService, withDefault } from '../global-options';
import { guardMutation } from '../guard';
import type { Body, ResultLine } from '../json-schema';
import { CLI_CODES } from '../output/reporter';
import { readPlanFile } from '../plan-file';
import type { CliRuntime } from '../runtime';
import { runHeadless, type Session } from '../session';
import { checkSupported, readStrategySettings } from '../strategy-flags';
import { applyAndFollow, engineOptions } from './apply-flow';

export function registerDeploy(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('deploy')
    .description(
      'deploy new images (or a revision) with the strategy that fits, wait, and exit by the outcome',
    )
    .addHelpText('after', EXIT_CODE_HELP);
  addGlobalOptions(cmd);
  addTargetFlags(cmd);
  addWaitFlags(cmd, true);
  addConfirmServiceFlag(cmd);
  cmd.addOption(
    new Option(
      '--plan-file <file>',
      withDefault(
        'apply exactly this saved plan (from plan --out); refused if the service changed since',
        'none',
      ),
    ),
  );
  cmd.action(() => runHeadless('deploy', cmd, rt, setExit, (s) => deploy(s, cmd)));
  return cmd;
}

async function deploy(s: Session, cmd: Command): Promise<Body<ResultLine>> {
  const flags = cmd.opts<{ planFile?: string; confirmService?: string }>();
  const { wait, until } = readWait(cmd, true);
  const saved = flags.planFile ? await readSavedPlan(s, cmd, flags.planFile) : undefined;
  const where = saved
    ? { cluster: saved.request.cluster, service: saved.request.service }
    : requireService(s.opts, 'deploy');
  const target = saved ? undefined : readTarget(cmd);
  if (!saved && !target)
    throw new UsageError(
      'deploy needs --image or --task-definition',
      'e.g. --image :v2.15.0 (same repository, new tag) or --task-definition api:42',
    );
  guardMutation(s, 'deploy');
  s.where = where;

  const gw = await s.gateway();
  let plan = saved;
  if (!plan) {
    const request = await buildRequest(s, cmd, gw, { ...where, target: target! });
    s.reporter.message({
      type: 'message',
      code: CLI_CODES.planning,
      level: 'info',
      text: `planning ${request.strategy} deployment of ${request.cluster}/${request.service}`,
    });
    plan = await planDeploy(gw, request, { ...engineOptions(s, gw), signal: s.interrupts.signal });
  }
  return applyAndFollow(s, gw, plan, {
    command: 'deploy',
    confirmService: flags.confirmService,
    wait,
    until,
  });
}

// Flags that say how to run a saved plan rather than what it does.
const PLAN_FILE_COMPATIBLE = new Set([
  'profile',
  'region',
  'endpointUrl',
  'cluster',
  'service',
  'readOnly',
  'output',
  'yes',
  'timeout',
  'pollInterval',
  'wait',
  'waitUntil',
  'planFile',
  'confirmService',
]);

async function readSavedPlan(s: Session, cmd: Command, file: string): Promise<DeployPlan> {
  const given = cmd.opts<Record<string, unknown>>();
  const conflicting = cmd.options
    .filter(
      (o) => !PLAN_FILE_COMPATIBLE.has(o.attributeName()) && given[o.attributeName()] !== undefined,
    )
    .map((o) => o.long ?? o.flags);
  if (conflicting.length > 0)
    throw new UsageError(
      `--plan-file applies the saved plan exactly; leave out ${[...new Set(conflicting)].join(', ')}`,
      'make a new plan with the changes instead',
    );
  const plan = await readPlanFile(file);
  for (const key of ['cluster', 'service'] as const) {
    const flag = s.opts[key];
    if (flag && flag !== plan.request[key])
      throw new UsageError(
        `--${key} ${flag} does not match the plan file (${plan.request[key]})`,
        'leave it out, or make a new plan',
      );
  }
  return plan;
}

/** The engine request from flags; the strategy defaults to the one the service is set up for. */
export async function buildRequest(
  s: Session,
  cmd: Command,
  gw: AwsGateway,
  req: Pick<DeployRequest, 'cluster' | 'service' | 'target'>,
): Promise<DeployRequest> {
  let strategy = cmd.opts<{ strategy?: DeployRequest['strategy'] }>().strategy;
  if (!strategy) {
    const { service } = await loadServiceContext(gw, req.cluster, req.service, {
      signal: s.interrupts.signal,
    });
    strategy = strategyForService(service);
  }
  checkSupported(strategy);
  return { ...req, strategy, settings: readStrategySettings(cmd, strategy) };
}
