import {
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildAlb, buildForwardRule, buildTargetGroup } from '../../src/sim/services/elbv2/builder';
import { elbv2Handlers } from '../../src/sim/services/elbv2/handlers';
import { sdkConfig, startTestSim } from '../helpers/sim';

let sim: RunningSimulator;
let alb: ReturnType<typeof buildAlb>;
let tg: string;
let rule: string;

beforeEach(async () => {
  sim = await startTestSim();
  alb = buildAlb(sim.world, { name: 'wire', https: { oidc: true } });
  tg = buildTargetGroup(sim.world, { name: 'wire-tg' });
  rule = buildForwardRule(sim.world, {
    listenerArn: alb.httpsListenerArn!,
    priority: 1,
    targetGroups: tg,
    oidc: true,
  });
});
afterEach(async () => {
  await sim.close();
});

async function post(params: Record<string, string>): Promise<{ status: number; xml: string }> {
  const res = await fetch(sim.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Version: '2015-12-01', ...params }).toString(),
  });
  return { status: res.status, xml: await res.text() };
}

describe('ELBv2 awsQuery wire format', () => {
  it('wraps every operation reply in <Op>Response/<Op>Result with ResponseMetadata', async () => {
    const calls: Record<string, Record<string, string>> = {
      DescribeLoadBalancers: {},
      DescribeListeners: { LoadBalancerArn: alb.loadBalancerArn },
      DescribeRules: { ListenerArn: alb.httpsListenerArn!, RuleArns: '' },
      DescribeTargetGroups: { TargetGroupArns: '', Names: '' },
      DescribeTargetHealth: { TargetGroupArn: tg },
      DescribeTargetGroupAttributes: { TargetGroupArn: tg },
      ModifyTargetGroupAttributes: {
        TargetGroupArn: tg,
        'Attributes.member.1.Key': 'deregistration_delay.timeout_seconds',
        'Attributes.member.1.Value': '60',
      },
      ModifyRule: {
        RuleArn: rule,
        'Conditions.member.1.Field': 'path-pattern',
        'Conditions.member.1.Values.member.1': '/a/*',
      },
      ModifyListener: { ListenerArn: alb.httpListenerArn, Port: '8080' },
      AddTags: {
        'ResourceArns.member.1': tg,
        'Tags.member.1.Key': 'k',
        'Tags.member.1.Value': 'v',
      },
      RemoveTags: { 'ResourceArns.member.1': tg, 'TagKeys.member.1': 'k' },
      DescribeTags: { 'ResourceArns.member.1': tg },
      RegisterTargets: { TargetGroupArn: tg, 'Targets.member.1.Id': '10.0.0.1' },
      DeregisterTargets: { TargetGroupArn: tg, 'Targets.member.1.Id': '10.0.0.1' },
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(elbv2Handlers).sort());
    for (const [op, params] of Object.entries(calls)) {
      const { status, xml } = await post({ Action: op, ...params });
      expect(status, `${op}: ${xml}`).toBe(200);
      expect(xml).toMatch(
        new RegExp(
          `^<${op}Response xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><${op}Result(/>|>.*</${op}Result>)<ResponseMetadata><RequestId>[^<]+</RequestId></ResponseMetadata></${op}Response>$`,
        ),
      );
      expect(xml).not.toMatch(/<\w+>\[object Object\]/);
    }
  });

  it('answers errors as ErrorResponse with the short code, Sender type and HTTP 400', async () => {
    const { status, xml } = await post({
      Action: 'DescribeTargetGroups',
      'Names.member.1': 'nope',
    });
    expect(status).toBe(400);
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="http:\/\/elasticloadbalancing.amazonaws.com\/doc\/2015-12-01\/"><Error><Type>Sender<\/Type><Code>TargetGroupNotFound<\/Code><Message>One or more target groups not found<\/Message><\/Error><RequestId>/,
    );
    const bad = await post({
      Action: 'DescribeRules',
      PageSize: 'many',
      ListenerArn: alb.httpListenerArn,
    });
    expect(bad.status).toBe(400);
    expect(bad.xml).toContain('<Code>ValidationError</Code>');
  });

  it('round-trips an OIDC map member (AuthenticationRequestExtraParams) through the SDK', async () => {
    const elb = new ElasticLoadBalancingV2Client(sdkConfig(sim));
    try {
      const before = (await elb.send(new DescribeRulesCommand({ RuleArns: [rule] }))).Rules![0]!;
      const actions = before.Actions!.map((a) =>
        a.Type === 'authenticate-oidc'
          ? {
              ...a,
              AuthenticateOidcConfig: {
                ...a.AuthenticateOidcConfig!,
                UseExistingClientSecret: true,
                AuthenticationRequestExtraParams: { prompt: 'login', display: 'page' },
              },
            }
          : a,
      );
      await elb.send(new ModifyRuleCommand({ RuleArn: rule, Actions: actions }));
      const after = (await elb.send(new DescribeRulesCommand({ RuleArns: [rule] }))).Rules![0]!;
      expect(after.Actions![0]!.AuthenticateOidcConfig!.AuthenticationRequestExtraParams).toEqual({
        prompt: 'login',
        display: 'page',
      });
      const stored = sim.world.region('us-east-1').elbv2.rules.get(rule)!.actions[0]!;
      expect(stored.clientSecret).toBe('sim-client-secret');
    } finally {
      elb.destroy();
    }
  });
});
