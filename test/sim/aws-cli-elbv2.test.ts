import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/sim';
import { buildAlb, buildServiceRouting } from '../../src/sim/services/elbv2/builder';
import { simEnv, startTestSim } from '../helpers/sim';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

let sim: RunningSimulator;
let routing: ReturnType<typeof buildServiceRouting>;
let listenerArn: string;

beforeEach(async () => {
  sim = await startTestSim();
  const alb = buildAlb(sim.world, { name: 'cli' });
  listenerArn = alb.httpListenerArn;
  routing = buildServiceRouting(sim.world, {
    listenerArn,
    serviceName: 'web',
    priority: 10,
    blueGreen: true,
  });
});
afterEach(async () => {
  await sim.close();
});

/** Runs the real AWS CLI against the simulator; older CLIs ignore AWS_ENDPOINT_URL, so pass it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI prints untyped JSON
type CliJson = Record<string, any>;

async function aws(...args: string[]): Promise<CliJson> {
  const { stdout } = await run(
    AWS,
    [...args, '--endpoint-url', sim.endpoint, '--output', 'json', '--no-cli-pager'],
    { env: simEnv(sim) },
  );
  return JSON.parse(stdout) as CliJson;
}

describe('AWS CLI against the ELBv2 simulator', () => {
  it('describe-target-groups', async () => {
    const out = await aws('elbv2', 'describe-target-groups', '--names', 'web-blue', 'web-green');
    expect(out.TargetGroups.map((t: { TargetGroupName: string }) => t.TargetGroupName)).toEqual([
      'web-blue',
      'web-green',
    ]);
    expect(out.TargetGroups[0]).toMatchObject({
      TargetGroupArn: routing.targetGroupArns[0],
      HealthCheckIntervalSeconds: 30,
      Matcher: { HttpCode: '200' },
      TargetType: 'ip',
    });
    const err = await run(
      AWS,
      ['elbv2', 'describe-target-groups', '--names', 'missing', '--endpoint-url', sim.endpoint],
      { env: simEnv(sim) },
    ).catch((e: { stderr: string; code: number }) => e);
    expect((err as { stderr: string }).stderr).toContain('(TargetGroupNotFound)');
  });

  it('describe-rules, then modify-rule with a weighted forward, then describe-rules shows the weights', async () => {
    const before = await aws('elbv2', 'describe-rules', '--listener-arn', listenerArn);
    expect(before.Rules.map((r: { Priority: string }) => r.Priority)).toEqual(['10', 'default']);
    const [blue, green] = routing.targetGroupArns;
    const actions = [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: blue, Weight: 75 },
            { TargetGroupArn: green, Weight: 25 },
          ],
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ];
    const modified = await aws(
      'elbv2',
      'modify-rule',
      '--rule-arn',
      routing.ruleArn,
      '--actions',
      JSON.stringify(actions),
    );
    expect(modified.Rules).toHaveLength(1);
    const after = await aws('elbv2', 'describe-rules', '--rule-arns', routing.ruleArn);
    expect(after.Rules[0].Actions[0].ForwardConfig.TargetGroups).toEqual([
      { TargetGroupArn: blue, Weight: 75 },
      { TargetGroupArn: green, Weight: 25 },
    ]);
    expect(after.Rules[0].Conditions[0]).toMatchObject({
      Field: 'path-pattern',
      Values: ['/web/*'],
    });
  });
});
