import { afterEach, describe, expect, it } from 'vitest';
import { findCanaryPair } from '../../src/deploy/alb-canary/detection';
import { encodePlan } from '../../src/deploy/alb-canary/tags';
import { applyPlan, planDeploy } from '../../src/deploy/engine';
import { RecordingIoHost } from '../../src/deploy/io-host';
import { strategyFit } from '../../src/deploy/strategy-fit';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';
import {
  canaryRequest,
  canaryWorld,
  planCanary,
  simWeights,
  type CanaryWorld,
  type WorldSpec,
} from './alb-canary-world';

let world: CanaryWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function open(spec: WorldSpec = {}): Promise<CanaryWorld> {
  world = await canaryWorld(spec);
  return world;
}

/** Nothing that changes AWS was sent. */
function nothingChanged(w: CanaryWorld) {
  expect(w.gw.calls.mutatingSent()).toBe(0);
  expect(simWeights(w)).toEqual(w.initialWeights);
}

describe('canary pair detection', () => {
  it('finds the pair from either service, stable and canary by their names', async () => {
    const w = await open();
    const fromStable = await findCanaryPair(w.gw, 'prod', 'orders');
    const fromCanary = await findCanaryPair(w.gw, 'prod', 'orders-canary');
    const expected = {
      stableService: 'orders',
      canaryService: 'orders-canary',
      ruleArn: w.ruleArn,
    };
    expect(fromStable).toEqual(expected);
    expect(fromCanary).toEqual(expected);
    const { services } = await w.gw.ecs.describeServices('prod', ['orders']);
    expect(strategyFit(services[0]!, 'alb-canary', fromStable)).toEqual({ ok: true });
  });

  it('is cached: a second look costs no calls', async () => {
    const w = await open();
    await findCanaryPair(w.gw, 'prod', 'orders');
    const before = w.gw.calls.count();
    await findCanaryPair(w.gw, 'prod', 'orders');
    expect(w.gw.calls.count()).toBe(before);
  });

  it('finds no pair for a rule forwarding to one target group, and says why when planning', async () => {
    const w = await open({ singleGroup: true });
    expect(await findCanaryPair(w.gw, 'prod', 'orders')).toBeUndefined();
    await expect(planCanary(w, canaryRequest(':v2'))).rejects.toThrow(
      /forwards to one target group only \(orders-tg\): an ALB canary needs a rule that forwards to two/,
    );
    nothingChanged(w);
  });
});

describe('ALB canary plan', () => {
  it('says what it will do and changes nothing', async () => {
    const w = await open();
    const plan = await planCanary(w, canaryRequest(':v2'));
    expect(plan.blockers).toEqual([]);
    expect(plan.checks.map((c) => [c.id, c.status])).toEqual(
      expect.arrayContaining([
        ['canary-pair', 'pass'],
        ['same-network', 'pass'],
        ['canary-desired', 'pass'],
        ['not-mid-plan', 'pass'],
        ['weights-at-stable', 'pass'],
        ['canary-image-exists:app', 'pass'],
      ]),
    );
    expect(plan.imageChanges[0]?.to).toMatch(/orders@sha256:/);
    expect(plan.calls.map((c) => `${c.service} ${c.operation}`)).toEqual([
      'ELBv2 AddTags',
      'ECS RegisterTaskDefinition',
      'ECS UpdateService',
      'ELBv2 ModifyRule',
      'ELBv2 ModifyRule',
      'ELBv2 ModifyRule',
      'ELBv2 ModifyRule',
      'ECS UpdateService',
      'ELBv2 ModifyRule',
      'ECS UpdateService',
    ]);
    expect(plan.calls[3]?.summary).toMatch(/step 1: orders-tg 90, orders-canary-tg 10/);
    expect(plan.command).toContain(
      'ecs-rollout deploy --cluster prod --service orders --strategy alb-canary --image :v2 --steps 10,25,50,100 --bake-minutes 5',
    );
    expect(plan.command).toContain(
      '--canary-service orders-canary --rule-arn arn:aws:elasticloadbalancing:',
    );
    nothingChanged(w);
  });

  it.each<[string, WorldSpec, string, RegExp]>([
    [
      'different VPCs',
      { canaryVpc: 'vpc-0ther' },
      'same-network',
      /is in VPC .* but orders-canary-tg is in vpc-0ther/,
    ],
    [
      'different ports',
      { canaryPort: 9090 },
      'same-network',
      /orders-tg uses port 8080 but orders-canary-tg uses 9090/,
    ],
    [
      'a canary with zero desired tasks',
      { canaryDesired: 0 },
      'canary-desired',
      /canary service orders-canary has desired count 0/,
    ],
    [
      "someone else's weights",
      { weights: [75, 25] },
      'weights-at-stable',
      /orders-tg 75, orders-canary-tg 25 \(canary 25%\), not stable 100/,
    ],
  ])('stops on %s before anything changes', async (_what, spec, id, message) => {
    const w = await open(spec);
    const plan = await planCanary(w, canaryRequest(':v2'));
    const check = plan.checks.find((c) => c.id === id);
    expect(check?.status).toBe('fail');
    expect(check?.detail).toMatch(message);
    await expect(applyPlan(w.gw, plan, new RecordingIoHost())).rejects.toThrow(/failing checks/);
    nothingChanged(w);
  });

  it('offers to attach when the rule is already mid-plan', async () => {
    const w = await open();
    const plan = await planCanary(w, canaryRequest(':v2'));
    // another operator's plan, as its tags say
    const tags = encodePlan({
      id: 'orders-canary-other',
      cluster: 'prod',
      stableService: 'orders',
      canaryService: 'orders-canary',
      steps: [10, 100],
      bakeMinutes: 5,
      advance: 'auto',
      prepareTimeoutMinutes: 30,
      gates: { health: true, alarms: [], errors: false, errorMarginPct: 0, minRequests: 0 },
      stepIndex: 0,
      startedAt: new Date(w.sim.world.now),
      startedBy: 'arn:aws:iam::123456789012:user/alice',
      status: 'running',
      newRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:9',
      previousCanaryRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1',
      previousStableRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:1',
      lastWritten: { stable: 100, canary: 0 },
    });
    await w.gw.elb.addTags(w.ruleArn, tags);
    w.gw.calls.reset();
    const again = await planCanary(w, canaryRequest(':v2'));
    const check = again.checks.find((c) => c.id === 'not-mid-plan');
    expect(check?.status).toBe('fail');
    expect(check?.detail).toMatch(
      /the rule is mid-plan: orders-canary-other is running at step 1\/2 \(canary 10%\), started by arn:aws:iam::123456789012:user\/alice .*attach to it instead/,
    );
    // the plan reviewed before the other one started is refused too
    await expect(applyPlan(w.gw, plan, new RecordingIoHost())).rejects.toThrow(
      /changed since|failing checks/,
    );
    nothingChanged(w);
  });

  it('refuses bad steps with the reason, before reading AWS', async () => {
    const w = await open();
    await expect(planCanary(w, canaryRequest(':v2', { steps: [10, 25, 50] }))).rejects.toThrow(
      /invalid ALB canary settings: the plan must reach 100/,
    );
    await expect(planCanary(w, canaryRequest(':v2', { steps: '10,12.5,100' }))).rejects.toThrow(
      /step 2 is 12.5: steps are whole percents/,
    );
    nothingChanged(w);
  });

  it('changes nothing when the person declines', async () => {
    const w = await open();
    const plan = await planCanary(w, canaryRequest(':v2'));
    await expect(applyPlan(w.gw, plan, new RecordingIoHost(() => false))).rejects.toThrow(
      /cancelled; nothing was changed/,
    );
    nothingChanged(w);
  });
});

describe('in the demo world', () => {
  it('finds the orders pair behind its OIDC rule and plans a canary without blockers', async () => {
    const sim = await startTestSim({ scenario: 'demo' });
    const gw = await simGateway(sim);
    try {
      const pair = await findCanaryPair(gw, 'production', 'orders-canary');
      expect(pair).toMatchObject({ stableService: 'orders', canaryService: 'orders-canary' });
      const rules = await gw.elb.describeRules({ ruleArns: [pair!.ruleArn] });
      expect(rules[0]?.actions.map((a) => a.type)).toEqual(['authenticate-oidc', 'forward']);
      const plan = await planDeploy(gw, {
        cluster: 'production',
        service: 'orders-canary',
        strategy: 'alb-canary',
        target: { kind: 'revision', taskDefinition: (await revisions(gw))[1]! },
        settings: {},
      });
      expect(plan.blockers).toEqual([]);
      expect(gw.calls.mutatingSent()).toBe(0);
    } finally {
      gw.close();
      await sim.close();
    }
  });
});

/** The orders family's ACTIVE revisions, newest first. */
async function revisions(gw: Awaited<ReturnType<typeof simGateway>>): Promise<string[]> {
  const { services } = await gw.ecs.describeServices('production', ['orders-canary']);
  const td = await gw.ecs.describeTaskDefinition(services[0]!.taskDefinitionArn!);
  return gw.ecs.listTaskDefinitionArns({ familyPrefix: td.family, status: 'ACTIVE', sort: 'DESC' });
}
