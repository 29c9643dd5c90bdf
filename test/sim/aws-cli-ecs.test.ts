import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepository } from '../../src/sim/services/ecr/builder';
import { buildService, buildTaskDefinition } from '../../src/sim/services/ecs/builder';
import { simEnv, startTestSim } from '../helpers/sim';

// The real AWS CLI (botocore parses replies against its own model) against the simulator.

const run = promisify(execFile);

function findAws(): string | undefined {
  if (existsSync('/usr/bin/aws')) return '/usr/bin/aws';
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'aws'))) return join(dir, 'aws');
  }
  return undefined;
}

const AWS = findAws();
const REGION = 'us-east-1';
let sim: Awaited<ReturnType<typeof startTestSim>>;

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run(
    AWS!,
    [...args, '--endpoint-url', sim.endpoint, '--output', 'json'],
    {
      env: simEnv(sim),
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as unknown;
}

async function awsFails(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (error) {
    return (error as { stderr?: string }).stderr ?? String(error);
  }
  throw new Error(`aws ${args.join(' ')} succeeded but should have failed`);
}

describe.skipIf(!AWS)(
  `AWS CLI against the ECS/ECR simulator (${AWS ?? 'skipped: no aws at /usr/bin/aws or on PATH'})`,
  () => {
    beforeAll(async () => {
      sim = await startTestSim();
      const td = buildTaskDefinition(sim.world, REGION, { family: 'shared', image: 'nginx:1.27' });
      buildService(sim.world, REGION, {
        cluster: 'prod',
        name: 'web',
        image: 'nginx:1.27',
        previousImages: ['nginx:1.26'],
      });
      for (let i = 0; i < 7; i++) {
        buildService(sim.world, REGION, {
          cluster: 'big',
          name: `svc-${i}`,
          taskDefinition: td,
          desiredCount: 1,
        });
      }
      buildRepository(sim.world, REGION, 'web', { images: ['1.0.0', '1.1.0'] });
    });
    afterAll(async () => {
      await sim?.close();
    });

    it('lists clusters', async () => {
      const out = (await aws('ecs', 'list-clusters')) as { clusterArns: string[] };
      expect(out.clusterArns).toEqual([
        'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
        'arn:aws:ecs:us-east-1:123456789012:cluster/big',
      ]);
    });

    it('describes services, deployments and events with timestamps', async () => {
      const out = (await aws(
        'ecs',
        'describe-services',
        '--cluster',
        'prod',
        '--services',
        'web',
        'ghost',
      )) as {
        services: {
          serviceName: string;
          runningCount: number;
          createdAt: string;
          deployments: { status: string; createdAt: string }[];
          events: { message: string }[];
        }[];
        failures: { arn: string; reason: string }[];
      };
      expect(out.services).toHaveLength(1);
      const web = out.services[0]!;
      expect(web.serviceName).toBe('web');
      expect(web.runningCount).toBe(2);
      expect(web.deployments[0]!.status).toBe('PRIMARY');
      // the CLI prints timestamps it parsed from epoch seconds as ISO text
      expect(web.createdAt).toMatch(/^2026-10-27T09:00:00(\.0+)?\+00:00$/);
      expect(web.events[0]!.message).toBe('(service web) has reached a steady state.');
      expect(out.failures).toEqual([
        { arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/ghost', reason: 'MISSING' },
      ]);
    });

    it('pages list-services with --page-size and --max-items', async () => {
      const before = sim.calls.count('ecs', 'ListServices');
      const all = (await aws('ecs', 'list-services', '--cluster', 'big', '--page-size', '3')) as {
        serviceArns: string[];
      };
      // 3 + 3 + 1: the CLI followed nextToken across three pages
      expect(sim.calls.count('ecs', 'ListServices') - before).toBe(3);
      expect(all.serviceArns).toHaveLength(7);
      expect(new Set(all.serviceArns).size).toBe(7);
      const first = (await aws('ecs', 'list-services', '--cluster', 'big', '--max-items', '5')) as {
        serviceArns: string[];
        NextToken: string;
      };
      expect(first.serviceArns).toHaveLength(5);
      expect(first.NextToken).toBeTruthy();
      const rest = (await aws(
        'ecs',
        'list-services',
        '--cluster',
        'big',
        '--max-items',
        '5',
        '--starting-token',
        first.NextToken,
      )) as { serviceArns: string[]; NextToken?: string };
      expect(rest.serviceArns).toHaveLength(2);
      expect(rest.NextToken).toBeUndefined();
      expect(new Set([...first.serviceArns, ...rest.serviceArns])).toEqual(
        new Set(all.serviceArns),
      );
    });

    it('registers a task definition from --cli-input-json', async () => {
      const input = {
        family: 'cli-web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.1.0',
            portMappings: [{ containerPort: 8080 }],
            healthCheck: { command: ['CMD-SHELL', 'exit 0'], interval: 10 },
          },
        ],
        tags: [{ key: 'via', value: 'cli' }],
      };
      const out = (await aws(
        'ecs',
        'register-task-definition',
        '--cli-input-json',
        JSON.stringify(input),
      )) as {
        taskDefinition: {
          taskDefinitionArn: string;
          revision: number;
          registeredAt: string;
          containerDefinitions: { portMappings: unknown[] }[];
        };
        tags: unknown[];
      };
      expect(out.taskDefinition.taskDefinitionArn).toBe(
        'arn:aws:ecs:us-east-1:123456789012:task-definition/cli-web:1',
      );
      expect(out.taskDefinition.containerDefinitions[0]!.portMappings).toEqual([
        { containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
      ]);
      expect(out.tags).toEqual([{ key: 'via', value: 'cli' }]);
      const stderr = await awsFails(
        'ecs',
        'register-task-definition',
        '--cli-input-json',
        JSON.stringify({ family: 'bad', containerDefinitions: [{ name: 'c', image: 'busybox' }] }),
      );
      expect(stderr).toContain('ClientException');
      expect(stderr).toContain(
        "At least one of 'memory' or 'memoryReservation' must be specified.",
      );
    });

    it('describes ECR images and reports a missing tag', async () => {
      const out = (await aws('ecr', 'describe-images', '--repository-name', 'web')) as {
        imageDetails: {
          imageTags: string[];
          imageDigest: string;
          imagePushedAt: string;
          imageSizeInBytes: number;
        }[];
      };
      expect(out.imageDetails.map((d) => d.imageTags).sort()).toEqual([['1.0.0'], ['1.1.0']]);
      expect(out.imageDetails[0]!.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(typeof out.imageDetails[0]!.imageSizeInBytes).toBe('number');
      const stderr = await awsFails(
        'ecr',
        'describe-images',
        '--repository-name',
        'web',
        '--image-ids',
        'imageTag=nope',
      );
      expect(stderr).toContain('ImageNotFoundException');
    });

    it('maps ECS errors the way botocore reads them', async () => {
      const stderr = await awsFails(
        'ecs',
        'describe-services',
        '--cluster',
        'ghost',
        '--services',
        'web',
      );
      expect(stderr).toContain('(ClusterNotFoundException)');
      expect(stderr).toContain('Cluster not found.');
    });
  },
);
