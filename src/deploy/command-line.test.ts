import { describe, expect, it } from 'vitest';
import { equivalentCommand, planCommand, scopeOf } from './command-line';
import type { DeployRequest } from './plan/types';

const request: DeployRequest = {
  cluster: 'prod',
  service: 'payments',
  strategy: 'rolling',
  target: { kind: 'image', images: [{ ref: ':v2' }], pinDigest: true },
  settings: {},
};
const base = 'ecs-rollout deploy --cluster prod --service payments --strategy rolling --image :v2';

describe('equivalentCommand', () => {
  it('as the review shows it when nothing else is known: waits, --yes', () => {
    expect(equivalentCommand(request)).toBe(`${base} --wait --yes`);
  });

  it('names the endpoint in use, and the profile and region when given', () => {
    expect(
      equivalentCommand(request, {
        profile: 'ops',
        region: 'eu-west-1',
        endpointUrl: 'http://127.0.0.1:4566',
      }),
    ).toBe(
      'ecs-rollout deploy --profile ops --region eu-west-1 --endpoint-url http://127.0.0.1:4566 --cluster prod --service payments --strategy rolling --image :v2 --wait --yes',
    );
  });

  it('says how it waits: --no-wait, --wait-until a point', () => {
    expect(equivalentCommand(request, { wait: { wait: false } })).toBe(`${base} --no-wait --yes`);
    expect(equivalentCommand(request, { wait: { wait: true, until: 'paused' } })).toBe(
      `${base} --wait --wait-until paused --yes`,
    );
    expect(equivalentCommand(request, { wait: { wait: true, until: 'stable' } })).toBe(
      `${base} --wait --yes`,
    );
  });

  it('confirms a protected service by name, as a run without a terminal must', () => {
    expect(planCommand({ request, protectedService: true })).toBe(
      `${base} --wait --confirm-service payments --yes`,
    );
    expect(planCommand({ request, protectedService: false })).toBe(`${base} --wait --yes`);
  });
});

describe('scopeOf: the context a planner gives its command line', () => {
  it('carries the endpoint in use and confirms a protected service by name', () => {
    const line = equivalentCommand(
      request,
      scopeOf({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' }, true),
    );
    expect(line).toContain(
      '--region us-east-1 --endpoint-url http://127.0.0.1:4566 --cluster prod',
    );
    expect(line).toContain('--confirm-service payments');
    expect(equivalentCommand(request, scopeOf({}, false))).not.toMatch(
      /--endpoint-url|--confirm-service|--region/,
    );
  });
});
