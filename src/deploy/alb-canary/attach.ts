import type { AwsGateway, CallOptions } from '../../aws/gateway';
import { ExpectedError } from '../../errors';
import type { DeployMessage } from '../io-host';
import type { CanaryRef } from './context';
import { AlbCanaryController } from './controller';
import { detectCanaryPair, serviceTargetGroups } from './detection';
import { forwardOf, listenerOfRule, loadBalancerOfListener } from './rule-weights';
import { decodePlan, isActivePlan } from './tags';
import { readRule } from './weight-writer';

export interface AttachOptions extends CallOptions {
  now?: () => Date;
  notify?: (message: DeployMessage) => void;
  startedBy?: string;
  /** Also attach to a plan that has ended (to show how it ended). */
  includeFinished?: boolean;
}

/**
 * Attaches to the canary plan on this service's pair, started by anyone (another operator, CI,
 * a client that crashed): the plan continues from its tags exactly where it is. Undefined when
 * the service has no pair or its rule carries no plan in flight.
 */
export async function attachAlbCanary(
  gw: AwsGateway,
  cluster: string,
  service: string,
  opts: AttachOptions = {},
): Promise<AlbCanaryController | undefined> {
  const found = await detectCanaryPair(gw, cluster, service, {}, opts);
  if (!found.ok) return undefined;
  return attachAlbCanaryByRule(gw, found.pair.ruleArn, opts);
}

/** Attaches by rule ARN alone: the cluster and services come from the plan's tags. */
export async function attachAlbCanaryByRule(
  gw: AwsGateway,
  ruleArn: string,
  opts: AttachOptions = {},
): Promise<AlbCanaryController | undefined> {
  const callOpts = opts.signal ? { signal: opts.signal } : {};
  const tags = (await gw.elb.describeTags([ruleArn], callOpts))[ruleArn] ?? {};
  const plan = decodePlan(tags);
  if (plan.kind === 'unreadable') throw new ExpectedError(plan.reason);
  if (plan.kind === 'none') return undefined;
  if (!opts.includeFinished && !isActivePlan(plan)) return undefined;
  const s = plan.state;
  const rule = await readRule(gw, ruleArn, callOpts);
  const { services } = await gw.ecs.describeServices(
    s.cluster,
    [s.stableService, s.canaryService],
    callOpts,
  );
  const forwarded = forwardOf(rule)?.targetGroups.map((g) => g.targetGroupArn) ?? [];
  const groupOf = (name: string) => {
    const svc = services.find((x) => x.name === name);
    const own = svc ? serviceTargetGroups(svc) : [];
    // a rule someone else changed may no longer name the group: the service still does
    const arn = own.find((a) => forwarded.includes(a)) ?? own[0];
    if (!arn) {
      throw new ExpectedError(
        `the canary plan ${s.id} names service "${name}", which has no target group in cluster "${s.cluster}"`,
        'roll the plan back or remove its tags (ecs-rollout:canary:*) from the rule',
      );
    }
    return arn;
  };
  const listenerArn = listenerOfRule(ruleArn);
  const ref: CanaryRef = {
    cluster: s.cluster,
    ruleArn,
    stableService: s.stableService,
    canaryService: s.canaryService,
    groups: {
      stableTargetGroupArn: groupOf(s.stableService),
      canaryTargetGroupArn: groupOf(s.canaryService),
    },
    loadBalancerArn: loadBalancerOfListener(listenerArn),
  };
  return new AlbCanaryController(gw, ref, {
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.notify ? { notify: opts.notify } : {}),
    ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
  });
}
