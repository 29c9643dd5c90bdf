import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  RuleNotFoundException,
  TargetGroupNotFoundException,
  type Action,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildAlb, buildForwardRule, buildTargetGroup } from '../../src/sim/services/elbv2/builder';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let elb: ElasticLoadBalancingV2Client;
let alb: ReturnType<typeof buildAlb>;
let blue: string;
let green: string;
let ruleArn: string;

beforeEach(async () => {
  sim = await startTestSim();
  elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
  alb = buildAlb(sim.world, { name: 'shop', https: { oidc: true } });
  blue = buildTargetGroup(sim.world, { name: 'web-blue', port: 8080 });
  green = buildTargetGroup(sim.world, { name: 'web-green', port: 8080 });
  ruleArn = buildForwardRule(sim.world, {
    listenerArn: alb.httpsListenerArn!,
    priority: 7,
    hostHeader: 'shop.example.com',
    pathPattern: '/web/*',
    targetGroups: blue,
    stickinessSeconds: 3600,
    oidc: { clientId: 'shop-ui' },
  });
});
afterEach(async () => {
  elb.destroy();
  await sim.close();
});

async function readRule(arn = ruleArn) {
  const out = await elb.send(new DescribeRulesCommand({ RuleArns: [arn] }));
  return out.Rules![0]!;
}

/** What a careful client does: read the rule, change only the forward's groups, write all back. */
function reweighted(actions: Action[], weights: [string, number][]): Action[] {
  return actions.map((a) =>
    a.Type === 'forward'
      ? {
          Type: 'forward',
          Order: a.Order,
          ForwardConfig: {
            TargetGroups: weights.map(([TargetGroupArn, Weight]) => ({ TargetGroupArn, Weight })),
            TargetGroupStickinessConfig: a.ForwardConfig!.TargetGroupStickinessConfig,
          },
        }
      : a.Type === 'authenticate-oidc'
        ? {
            ...a,
            AuthenticateOidcConfig: { ...a.AuthenticateOidcConfig!, UseExistingClientSecret: true },
          }
        : a,
  );
}

describe('ELBv2 ModifyRule', () => {
  it('replaces the actions and keeps stickiness, the authenticate action with its Order, and conditions', async () => {
    const before = await readRule();
    expect(before.Actions!.map((a) => [a.Type, a.Order])).toEqual([
      ['authenticate-oidc', 1],
      ['forward', 2],
    ]);
    const out = await elb.send(
      new ModifyRuleCommand({
        RuleArn: ruleArn,
        Actions: reweighted(before.Actions!, [
          [blue, 90],
          [green, 10],
        ]),
      }),
    );
    expect(out.Rules).toHaveLength(1);
    const after = out.Rules![0]!;
    expect(after.RuleArn).toBe(ruleArn);
    expect(after.Conditions).toEqual(before.Conditions);
    expect(after.Conditions!.map((c) => c.Field)).toEqual(['host-header', 'path-pattern']);
    expect(after.Actions![0]).toEqual(before.Actions![0]);
    expect(after.Actions![1]).toEqual({
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: blue, Weight: 90 },
          { TargetGroupArn: green, Weight: 10 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 3600 },
      },
    });
    expect(await readRule()).toEqual(after);
  });

  it('changes only the conditions when only Conditions are given', async () => {
    const before = await readRule();
    const out = await elb.send(
      new ModifyRuleCommand({
        RuleArn: ruleArn,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/v2/*'] } }],
      }),
    );
    expect(out.Rules![0]!.Conditions).toEqual([
      { Field: 'path-pattern', Values: ['/v2/*'], PathPatternConfig: { Values: ['/v2/*'] } },
    ]);
    expect(out.Rules![0]!.Actions).toEqual(before.Actions);
  });

  it('rejects bad requests with AWS codes and changes nothing', async () => {
    const before = await readRule();
    const forward = (groups: { TargetGroupArn: string; Weight?: number }[]): Action[] => [
      { Type: 'forward', ForwardConfig: { TargetGroups: groups } },
    ];
    const cases: [ModifyRuleCommand, Record<string, unknown>][] = [
      [
        new ModifyRuleCommand({ RuleArn: ruleArn }),
        { name: 'ValidationError', message: 'Either conditions or actions must be specified' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: forward([{ TargetGroupArn: blue, Weight: 1000 }]),
        }),
        {
          name: 'ValidationError',
          message:
            "1 validation error detected: Value '1000' at 'actions.1.member.forwardConfig.targetGroups.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 999",
        },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: forward([{ TargetGroupArn: blue, Weight: -1 }]),
        }),
        { name: 'ValidationError' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: [{ Type: 'bogus' as never, TargetGroupArn: blue }],
        }),
        {
          name: 'ValidationError',
          message: expect.stringContaining(
            "Value 'bogus' at 'actions.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward,",
          ),
        },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: forward(Array.from({ length: 6 }, () => ({ TargetGroupArn: blue, Weight: 1 }))),
        }),
        { name: 'ValidationError' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: forward([{ TargetGroupArn: `${blue}0`, Weight: 1 }]),
        }),
        { name: 'TargetGroupNotFoundException', Code: 'TargetGroupNotFound' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: [
            { Type: 'forward', Order: 1, TargetGroupArn: blue },
            { Type: 'fixed-response', Order: 2, FixedResponseConfig: { StatusCode: '503' } },
          ],
        }),
        { name: 'InvalidLoadBalancerActionException' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: ruleArn,
          Actions: [
            { ...before.Actions![0]!, Order: 3 },
            { Type: 'forward', Order: 2, TargetGroupArn: blue },
          ],
        }),
        { name: 'InvalidLoadBalancerActionException' },
      ],
      [
        new ModifyRuleCommand({
          RuleArn: `${ruleArn}0`,
          Actions: forward([{ TargetGroupArn: blue }]),
        }),
        { name: 'RuleNotFoundException' },
      ],
    ];
    for (const [command, expected] of cases) {
      await expect(elb.send(command), JSON.stringify(command.input)).rejects.toMatchObject(
        expected,
      );
    }
    expect(await readRule()).toEqual(before);
    const err = await elb.send(cases[5]![0]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetGroupNotFoundException);
    const missing = await elb.send(cases[8]![0]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(RuleNotFoundException);
  });

  it('refuses a client secret together with UseExistingClientSecret', async () => {
    const before = await readRule();
    const actions = reweighted(before.Actions!, [[blue, 1]]);
    actions[0]!.AuthenticateOidcConfig!.ClientSecret = 'new-secret';
    await expect(
      elb.send(new ModifyRuleCommand({ RuleArn: ruleArn, Actions: actions })),
    ).rejects.toMatchObject({
      name: 'InvalidLoadBalancerActionException',
      message: 'You cannot both specify a client secret and set UseExistingClientSecret to true',
    });
  });

  it('ModifyRule on the default rule changes the listener DefaultActions too', async () => {
    const rules = await elb.send(new DescribeRulesCommand({ ListenerArn: alb.httpListenerArn }));
    const defaultRule = rules.Rules!.find((r) => r.IsDefault)!;
    await elb.send(
      new ModifyRuleCommand({
        RuleArn: defaultRule.RuleArn,
        Actions: [{ Type: 'forward', TargetGroupArn: green }],
      }),
    );
    const listener = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.httpListenerArn] }),
    );
    expect(listener.Listeners![0]!.DefaultActions![0]!.TargetGroupArn).toBe(green);
    await expect(
      elb.send(
        new ModifyRuleCommand({
          RuleArn: defaultRule.RuleArn,
          Conditions: [{ Field: 'path-pattern', Values: ['/x'] }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'OperationNotPermittedException' });
  });
});

describe('ELBv2 ModifyListener', () => {
  it('replaces DefaultActions and the default rule follows', async () => {
    const out = await elb.send(
      new ModifyListenerCommand({
        ListenerArn: alb.httpListenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue, Weight: 80 },
                { TargetGroupArn: green, Weight: 20 },
              ],
            },
          },
        ],
      }),
    );
    expect(out.Listeners).toHaveLength(1);
    expect(out.Listeners![0]).toMatchObject({
      ListenerArn: alb.httpListenerArn,
      Port: 80,
      Protocol: 'HTTP',
    });
    const expected = [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: blue, Weight: 80 },
            { TargetGroupArn: green, Weight: 20 },
          ],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ];
    expect(out.Listeners![0]!.DefaultActions).toEqual(expected);
    const rules = await elb.send(new DescribeRulesCommand({ ListenerArn: alb.httpListenerArn }));
    expect(rules.Rules!.find((r) => r.IsDefault)!.Actions).toEqual(expected);
  });

  it('refuses an authenticate action on an HTTP listener and a taken port', async () => {
    const https = await elb.send(
      new DescribeListenersCommand({ ListenerArns: [alb.httpsListenerArn!] }),
    );
    await expect(
      elb.send(
        new ModifyListenerCommand({
          ListenerArn: alb.httpListenerArn,
          DefaultActions: https.Listeners![0]!.DefaultActions!.map((a) =>
            a.Type === 'authenticate-oidc'
              ? {
                  ...a,
                  AuthenticateOidcConfig: { ...a.AuthenticateOidcConfig!, ClientSecret: 's' },
                }
              : a,
          ),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidLoadBalancerActionException' });
    await expect(
      elb.send(new ModifyListenerCommand({ ListenerArn: alb.httpListenerArn, Port: 443 })),
    ).rejects.toMatchObject({ name: 'DuplicateListenerException' });
  });
});
