import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { Alarm, TargetHealth } from '../../aws/types';
import { ExpectedError } from '../../errors';
import type { CanaryRef, Observation } from './context';
import { fetchMetrics, type MetricsSnapshot } from './metrics';
import type { PlanStore } from './plan-store';
import { readWeights } from './rule-weights';
import type { DecodeResult } from './tags';
import { readRule } from './weight-writer';

/**
 * What a poll reads, at a fixed cost whatever the plan's length or history:
 * DescribeRules (1) + DescribeTags (1) + DescribeServices for both services (1) every poll;
 * DescribeTargetHealth for both groups (2), GetMetricData for both groups (1) and, when the
 * plan has alarm gates, DescribeAlarms (1) on the first poll and every 2nd after.
 */
export const SLOW_EVERY = 2;

export class Observer {
  private polls = 0;
  private stableTargets: TargetHealth[] | undefined;
  private canaryTargets: TargetHealth[] | undefined;
  private alarms: Alarm[] | undefined;
  private metrics: MetricsSnapshot | undefined;

  constructor(
    private readonly gw: AwsGateway,
    private readonly ref: CanaryRef,
    private readonly store: PlanStore,
  ) {}

  async observe(
    now: Date,
    opts: CallOptions,
  ): Promise<{ obs: Observation; tags: Record<string, string>; plan: DecodeResult }> {
    const rule = await readRule(this.gw, this.ref.ruleArn, opts);
    const { tags, plan } = await this.store.read(opts);
    const { services } = await this.gw.ecs.describeServices(
      this.ref.cluster,
      [this.ref.stableService, this.ref.canaryService],
      opts,
    );
    const stable = services.find((s) => s.name === this.ref.stableService);
    const canary = services.find((s) => s.name === this.ref.canaryService);
    if (!stable || !canary) {
      const gone = !stable ? this.ref.stableService : this.ref.canaryService;
      throw new ExpectedError(
        `service "${gone}" no longer exists in cluster "${this.ref.cluster}"`,
      );
    }
    if (this.polls % SLOW_EVERY === 0) {
      const { stableTargetGroupArn, canaryTargetGroupArn } = this.ref.groups;
      this.stableTargets = await this.gw.elb.describeTargetHealth(stableTargetGroupArn, opts);
      this.canaryTargets = await this.gw.elb.describeTargetHealth(canaryTargetGroupArn, opts);
      this.metrics = await fetchMetrics(
        this.gw,
        { loadBalancerArn: this.ref.loadBalancerArn, stableTargetGroupArn, canaryTargetGroupArn },
        now,
        opts,
      );
      const alarmNames = plan.kind === 'plan' ? plan.state.gates.alarms : [];
      this.alarms =
        alarmNames.length > 0 ? await this.gw.cloudwatch.describeAlarms(alarmNames, opts) : [];
    }
    this.polls++;
    const obs: Observation = {
      at: now,
      rule,
      weights: readWeights(rule, this.ref.groups),
      stable,
      canary,
      ...(this.stableTargets ? { stableTargets: this.stableTargets } : {}),
      ...(this.canaryTargets ? { canaryTargets: this.canaryTargets } : {}),
      ...(this.alarms ? { alarms: this.alarms } : {}),
      ...(this.metrics ? { metrics: this.metrics } : {}),
    };
    return { obs, tags, plan };
  }
}
