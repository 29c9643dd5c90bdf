import type { Command } from 'commander';
import { createGateway, resolveRegion, validateEndpointUrl, type ClosableAwsGateway } from '../aws';
import { installAuditLog, type AuditRecorder } from '../audit/audit-recorder';
import { OUTPUT_CLOSED_EXIT } from './closed-output';
import { classifyError, type Phase } from './errors';
import { readGlobalOptions, type GlobalOptions } from './global-options';
import { Interrupts } from './interrupt';
import type { Body, CommandName, ResultLine } from './json-schema';
import { suggest } from './next-steps';
import { jsonReporter } from './output/json-reporter';
import type { Reporter } from './output/reporter';
import { painter, textReporter } from './output/text-reporter';
import { errorResult } from './result';
import { colourWanted, type CliRuntime, type CliSignal } from './runtime';

/** What a command body gets: its flags, where to report, AWS, and the interrupt signal. */
export interface Session {
  readonly rt: CliRuntime;
  readonly opts: GlobalOptions;
  readonly reporter: Reporter;
  readonly interrupts: Interrupts;
  /** Input problems before any change are exit 2; a command moves this to 'change' before its first write. */
  phase: Phase;
  /** Where errors point, once the command knows. */
  where: { cluster?: string; service?: string };
  gateway(): Promise<ClosableAwsGateway>;
}

export type CommandBody = (session: Session) => Promise<Body<ResultLine>>;

/**
 * Runs one headless command: reads the global flags, opens AWS on first use, turns every
 * error into an exit code (errors.ts) and ends with exactly one result (a JSON line with
 * --output json). Nothing here draws with Ink.
 */
export async function runHeadless(
  name: CommandName,
  cmd: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
  body: CommandBody,
): Promise<void> {
  const wantsJson = cmd.optsWithGlobals<{ output?: string }>().output === 'json';
  const reporter = oneResult(
    wantsJson ? jsonReporter(rt.out) : textReporter(rt.out, rt.err, painter(colourWanted(rt))),
  );
  const interrupts = new Interrupts(rt);
  let gw: ClosableAwsGateway | undefined;
  let audit: AuditRecorder | undefined;
  const session: Partial<Session> & { phase: Phase; where: Session['where'] } = {
    phase: 'input',
    where: {},
  };
  const end = (result: Body<ResultLine>) => {
    reporter.result(result);
    if (interrupts.which !== 'SIGPIPE') return setExit(result.exitCode);
    // the output closed (`| head`): whoever reads stderr still learns what runs on AWS
    if (session.phase === 'change') {
      rt.err(`ecs-rollout ${name}: the output closed (SIGPIPE); ${result.reason}`);
      for (const next of result.next ?? []) rt.err(`  ${next}`);
    }
    setExit(OUTPUT_CLOSED_EXIT);
  };
  // a second signal that no step handled still ends the run with its result line
  interrupts.onSecondFallback((second) =>
    reporter.result(secondSignalResult(name, session, interrupts.which ?? second, second)),
  );
  try {
    const opts = readGlobalOptions(cmd, rt.env);
    Object.assign(session, {
      rt,
      opts,
      reporter,
      interrupts,
      gateway: async () => {
        if (!gw) {
          gw = await openGateway(opts);
          // every change this command makes on AWS goes to the local audit log
          audit = installAuditLog(gw, {
            via: `cli ${name}`,
            onError: (message) => rt.err(`ecs-rollout ${name}: ${message}`),
          });
          // the first write that reaches AWS ends the input phase: errors after it are not exit 2
          gw.calls.subscribe((event) => {
            if (event.mutating && event.outcome !== 'refused') session.phase = 'change';
          });
        }
        return gw;
      },
    });
    end(await body(session as Session));
  } catch (error) {
    if (interrupts.which && session.phase === 'input') {
      end({
        type: 'result',
        command: name,
        ...session.where,
        outcome: 'INTERRUPTED',
        reason: `interrupted (${interrupts.which}) before anything was changed`,
        exitCode: 130,
      });
      return;
    }
    const classified = classifyError(error, session.phase);
    rt.err(`ecs-rollout ${name}: ${classified.message}`);
    if (classified.hint) rt.err(`  hint: ${classified.hint}`);
    if (classified.stack) rt.err(classified.stack);
    end(errorResult(name, classified, session.where));
  } finally {
    interrupts.dispose();
    await audit?.flush();
    audit?.dispose();
    gw?.close();
  }
}

/** The last line of a run left by a second signal while nothing more specific was said. */
function secondSignalResult(
  name: CommandName,
  session: { phase: Phase; where: Session['where']; opts?: GlobalOptions },
  first: CliSignal,
  second: CliSignal,
): Body<ResultLine> {
  const { cluster, service } = session.where;
  const check =
    session.opts && cluster && service
      ? suggest('status', session.opts, cluster, service)
      : undefined;
  const changed = session.phase === 'change';
  return {
    type: 'result',
    command: name,
    ...session.where,
    outcome: 'INTERRUPTED',
    reason: changed
      ? `interrupted (${first}, then ${second}); what was already sent to AWS runs on without this command`
      : `interrupted (${first}, then ${second}) before anything was changed`,
    ...(changed && check ? { hint: `check what runs with: ${check}` } : {}),
    exitCode: 130,
  };
}

/** Every run prints one result: a late second one (a signal racing the end) is dropped. */
function oneResult(reporter: Reporter): Reporter {
  let said = false;
  return {
    ...reporter,
    result(line) {
      if (said) return;
      said = true;
      reporter.result(line);
    },
  };
}

async function openGateway(opts: GlobalOptions): Promise<ClosableAwsGateway> {
  const { region } = await resolveRegion({
    ...(opts.region ? { flag: opts.region } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  });
  if (opts.endpointUrl) validateEndpointUrl(opts.endpointUrl);
  return createGateway({
    region,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    readOnly: opts.readOnly,
  });
}
