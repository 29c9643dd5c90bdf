import { Option, type Command } from 'commander';
import type { AwsGateway, Service } from '../../aws';
import { inProgressDeployment } from '../../deploy/plan/service-context';
import { serviceActivities, type ServiceActivity } from '../../deploy/service-activity';
import { ExpectedError } from '../../errors';
import { taskDefinitionLabel } from '../../present/labels';
import { primaryTaskSet, rolloutState } from '../../present/rollout-state';
import { controllerLabel, mainContainer } from '../../present/service-rows';
import { CLI_CODES } from '../output/reporter';
import { addGlobalOptions, requireCluster, withDefault } from '../global-options';
import type { Body, ResultLine, ServiceLine } from '../json-schema';
import type { CliRuntime } from '../runtime';
import { runHeadless, type Session } from '../session';

export function registerStatus(
  program: Command,
  rt: CliRuntime,
  setExit: (code: number) => void,
): Command {
  const cmd = program
    .command('status')
    .description(
      'one service, or every service of a cluster with --all: counts, revision, image, rollout',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 read, 2 bad usage or input (no such service), 7 access denied',
    );
  addGlobalOptions(cmd);
  cmd.addOption(
    new Option(
      '--all',
      withDefault(
        'every service of --cluster (paged ListServices, DescribeServices in tens)',
        'off',
      ),
    ),
  );
  cmd.addOption(
    new Option(
      '--images',
      withDefault(
        `with --all, read every revision's image even past ${IMAGE_BURST} revisions (one DescribeTaskDefinition each, paced under AWS's rate limit)`,
        'off',
      ),
    ),
  );
  cmd.action(() => runHeadless('status', cmd, rt, setExit, (s) => status(s, cmd)));
  return cmd;
}

// DescribeTaskDefinition calls at once when filling the image column of a big cluster.
const IMAGE_CONCURRENCY = 4;
// The task-definition read bucket holds 50 calls and refills 20 a second, shared by everyone in
// the account: read up to 50 images at once, and past that only when asked, at a quarter of
// the refill rate (perf-reliability 1.1, 6).
const IMAGE_BURST = 50;
const PACED_INTERVAL_MS = 200;

async function status(s: Session, cmd: Command): Promise<Body<ResultLine>> {
  const { all: allFlag, images: imagesFlag } = cmd.opts<{ all?: boolean; images?: boolean }>();
  const all = allFlag === true;
  const cluster = requireCluster(s.opts, 'status');
  if (!all && !s.opts.service)
    throw new ExpectedError(
      'status needs --service, or --all for every service of the cluster',
      `e.g. ecs-rollout status --cluster ${cluster} --all`,
    );
  if (all && s.opts.service)
    throw new ExpectedError(
      'give --service or --all, not both',
      'status --all lists every service of the cluster',
    );
  s.where = { cluster, ...(s.opts.service ? { service: s.opts.service } : {}) };
  const gw = await s.gateway();
  const signal = s.interrupts.signal;
  const names = all ? await gw.ecs.listServiceArns(cluster, { signal }) : [s.opts.service!];
  const { services, missing } = names.length
    ? await gw.ecs.describeServices(cluster, names, { signal })
    : { services: [], missing: [] };
  if (!all && (missing.length > 0 || services.length === 0))
    throw new ExpectedError(
      `service "${s.opts.service}" not found in cluster "${cluster}"`,
      `list them with: ecs-rollout status --cluster ${cluster} --all`,
    );
  const sorted = [...services].sort((a, b) => a.name.localeCompare(b.name));
  const revisions = new Set(sorted.map(currentRevision).filter((a): a is string => !!a));
  const paced = revisions.size > IMAGE_BURST;
  let images = new Map<string, string>();
  if (paced && imagesFlag !== true) {
    s.reporter.message({
      type: 'message',
      code: CLI_CODES.imagesSkipped,
      level: 'warn',
      text: `images left out: ${revisions.size} revisions would take ${revisions.size} DescribeTaskDefinition calls; add --images to read them (paced, about ${Math.ceil((revisions.size * PACED_INTERVAL_MS) / 1000)} s)`,
    });
  } else {
    images = await imagesOf(gw, sorted, signal, (failed) =>
      s.reporter.message({
        type: 'message',
        code: CLI_CODES.imagesSkipped,
        level: 'warn',
        text: `${failed} image${failed === 1 ? '' : 's'} not read (AWS throttled or refused DescribeTaskDefinition); shown as —`,
      }),
    );
  }
  // paused and stopped rollouts, and ALB canary plans (rule tags): a few calls, only for the
  // services that need them (src/deploy/service-activity.ts says which and why)
  const { activities, unread } = await serviceActivities(gw, cluster, sorted, { all, signal });
  if (unread.length > 0)
    s.reporter.message({
      type: 'message',
      code: 'ECSR_STATUS_W1101',
      level: 'warn',
      text: `${unread.join(', ')} not read (AWS throttled or refused); those rollouts are shown as DescribeServices reports them`,
    });
  const rows = sorted.map((svc) =>
    serviceLine(cluster, svc, images.get(currentRevision(svc) ?? ''), activities.get(svc.name)),
  );
  s.reporter.services(rows);
  const busy = rows.filter((r) => r.inProgress).length;
  return {
    type: 'result',
    command: 'status',
    ...s.where,
    outcome: 'NONE',
    reason: all
      ? `${rows.length} service${rows.length === 1 ? '' : 's'} in ${cluster}, ${busy} with a rollout in progress`
      : `${rows[0]!.name}: ${rows[0]!.rolloutState}`,
    exitCode: 0,
  };
}

function currentRevision(svc: Service): string | undefined {
  return svc.taskDefinitionArn ?? primaryTaskSet(svc)?.taskDefinitionArn;
}

function serviceLine(
  cluster: string,
  svc: Service,
  image: string | undefined,
  activity: ServiceActivity | undefined,
): Body<ServiceLine> {
  const running = activity ? activity.inProgress : inProgressDeployment(svc)?.id;
  return {
    type: 'service',
    cluster,
    name: svc.name,
    status: svc.status,
    controller: controllerLabel(svc),
    desired: svc.desiredCount,
    running: svc.runningCount,
    pending: svc.pendingCount,
    revision: taskDefinitionLabel(currentRevision(svc)),
    image: image ?? '—',
    rolloutState: activity?.label ?? rolloutState(svc).label,
    ...(running ? { inProgress: running } : {}),
  };
}

/**
 * The main container's image of each distinct revision: the first IMAGE_BURST a few at a time,
 * the rest one every PACED_INTERVAL_MS. A lookup that fails (throttled, denied) leaves that
 * image out instead of failing the whole listing.
 */
async function imagesOf(
  gw: AwsGateway,
  services: Service[],
  signal: AbortSignal,
  onFailures: (count: number) => void,
): Promise<Map<string, string>> {
  const arns = [...new Set(services.map(currentRevision).filter((a): a is string => !!a))];
  const images = new Map<string, string>();
  let failed = 0;
  const read = async (arn: string) => {
    try {
      const td = await gw.ecs.describeTaskDefinition(arn, { signal });
      const svc = services.find((x) => currentRevision(x) === arn);
      const image = mainContainer(td, svc)?.image;
      if (image) images.set(arn, image);
    } catch (error) {
      if (signal.aborted) throw error;
      failed++;
    }
  };
  const burst = arns.slice(0, IMAGE_BURST);
  let next = 0;
  const worker = async () => {
    while (next < burst.length && !signal.aborted) await read(burst[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, burst.length) }, worker));
  for (const arn of arns.slice(IMAGE_BURST)) {
    if (signal.aborted) break;
    await new Promise((r) => setTimeout(r, PACED_INTERVAL_MS));
    await read(arn);
  }
  if (failed > 0) onFailures(failed);
  return images;
}
