import { Option, type Command } from 'commander';
import { planDeploy } from '../../deploy/engine';
import { addTargetFlags } from '../deploy-flags';
import { UsageError } from '../errors';
import { addGlobalOptions, requireService, withDefault } from '../global-options';
import type { Body, ResultLine } from '../json-schema';
import { CLI_CODES } from '../output/reporter';
import { writePlanFile } from '../plan-file';
import { planFileCommand, planLine, runnableCommand } from '../plan-line';
import type { CliRuntime } from '../runtime';
import { runHeadless, type Session } from '../session';
import { readTarget } from '../deploy-flags';
import { engineOptions } from './apply-flow';
import { buildRequest } from './deploy';

export function registerPlan(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('plan')
    .description(
      'show what deploy would do (masked diff, checks, AWS calls, equivalent command); changes nothing',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 the plan can be applied, 1 it has failing checks, 2 bad usage or input, 7 access denied',
    );
  addGlobalOptions(cmd);
  addTargetFlags(cmd);
  cmd.addOption(
    new Option(
      '--out <file>',
      withDefault('write the plan as JSON, for deploy --plan-file', 'not written'),
    ),
  );
  cmd.action(() => runHeadless('plan', cmd, rt, setExit, (s) => plan(s, cmd)));
  return cmd;
}

async function plan(s: Session, cmd: Command): Promise<Body<ResultLine>> {
  const where = requireService(s.opts, 'plan');
  const target = readTarget(cmd);
  if (!target)
    throw new UsageError(
      'plan needs --image or --task-definition',
      'e.g. --image :v2.15.0 or --task-definition api:42',
    );
  const out = cmd.opts<{ out?: string }>().out;
  s.where = where;
  const gw = await s.gateway();
  const request = await buildRequest(s, cmd, gw, { ...where, target });
  const planned = await planDeploy(gw, request, {
    ...engineOptions(s, gw),
    signal: s.interrupts.signal,
  });
  // the command as it runs from here: with --endpoint-url, --confirm-service for a protected service
  const result = { ...planned, command: runnableCommand(planned, s.opts, s.rt.env) };
  if (out) {
    await writePlanFile(out, result);
    s.reporter.message({
      type: 'message',
      code: CLI_CODES.planWritten,
      level: 'info',
      text: `plan written to ${out}`,
      data: { file: out },
    });
  }
  s.reporter.plan(planLine(result, { ...(out ? { file: out } : {}) }));
  const blocked = result.blockers.length > 0;
  return {
    type: 'result',
    command: 'plan',
    ...where,
    strategy: request.strategy,
    outcome: blocked ? 'FAILED' : 'NONE',
    reason: blocked
      ? `the plan has failing checks: ${result.blockers.join('; ')}`
      : `nothing was changed; apply with: ${out ? planFileCommand(out, result, s.opts, s.rt.env) : result.command}`,
    exitCode: blocked ? 1 : 0,
  };
}
