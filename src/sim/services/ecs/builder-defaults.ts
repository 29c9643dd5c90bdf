import type { Rng } from '../../rng';
import { randomFrom } from './rand';
import type { ContainerDefinition, HealthCheck } from './types';

// Realistic defaults for scenario task definitions. Constant parts are frozen and shared by
// every definition a builder makes, which keeps 5,000 services cheap in memory.

export const DEFAULT_SUBNETS: readonly string[] = Object.freeze([
  'subnet-0a1b2c3d4e5f60001',
  'subnet-0a1b2c3d4e5f60002',
  'subnet-0a1b2c3d4e5f60003',
]);
export const DEFAULT_SECURITY_GROUPS: readonly string[] = Object.freeze(['sg-0f1e2d3c4b5a69788']);

export function httpHealthCheck(port: number, path = '/health'): HealthCheck {
  return {
    command: ['CMD-SHELL', `curl -fsS http://localhost:${port}${path} || exit 1`],
    interval: 30,
    timeout: 5,
    retries: 3,
    startPeriod: 10,
  };
}

const NONE: readonly never[] = Object.freeze([]);
const RUNTIME_PLATFORM = Object.freeze({
  cpuArchitecture: 'X86_64',
  operatingSystemFamily: 'LINUX',
});
const REQUIRES_FARGATE = Object.freeze(['FARGATE']);

export interface ContainerSpec {
  name: string;
  image: string;
  port: number;
  region: string;
  accountId: string;
  family: string;
  healthCheck: HealthCheck | undefined;
  environment?: Record<string, string>;
  secrets: boolean;
  rng: Rng;
}

/**
 * An application container as teams write them: port mapping, health check, awslogs, plain
 * environment (including values that look like secrets, so redaction has something to do)
 * and `secrets` pulled from Secrets Manager and SSM.
 */
export function appContainer(spec: ContainerSpec): ContainerDefinition {
  const { rng, family, region, accountId } = spec;
  const env: { name: string; value: string }[] = [
    { name: 'NODE_ENV', value: 'production' },
    { name: 'PORT', value: String(spec.port) },
    { name: 'LOG_LEVEL', value: 'info' },
    {
      name: 'DATABASE_URL',
      value: `postgres://${family}:${randomFrom(rng, 16, 'abcdefghijkmnopqrstuvwxyz23456789')}@${family}-db.internal:5432/${family}`,
    },
    {
      name: 'STRIPE_API_KEY',
      value: `sk_live_${randomFrom(rng, 24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    },
  ];
  for (const [name, value] of Object.entries(spec.environment ?? {})) env.push({ name, value });
  const def: ContainerDefinition = {
    name: spec.name,
    image: spec.image,
    cpu: 0,
    essential: true,
    portMappings: [
      {
        containerPort: spec.port,
        hostPort: spec.port,
        protocol: 'tcp',
        name: 'http',
        appProtocol: 'http',
      },
    ],
    environment: env,
    // the lists AWS fills in, shared: nothing edits stored definitions
    mountPoints: NONE,
    volumesFrom: NONE,
    systemControls: NONE,
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': `/ecs/${family}`,
        'awslogs-region': region,
        'awslogs-stream-prefix': 'ecs',
      },
    },
  };
  if (spec.secrets) {
    def.secrets = [
      {
        name: 'DB_PASSWORD',
        valueFrom: `arn:aws:secretsmanager:${region}:${accountId}:secret:${family}/db-password-${randomFrom(rng, 6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
      },
      {
        name: 'SESSION_SECRET',
        valueFrom: `arn:aws:ssm:${region}:${accountId}:parameter/${family}/session-secret`,
      },
    ];
  }
  if (spec.healthCheck) def.healthCheck = spec.healthCheck;
  return def;
}

/** Task-level members of a Fargate definition (cpu/memory in the numeric string form). */
export function fargateTaskFields(opts: {
  family: string;
  region: string;
  accountId: string;
  cpu: number;
  memory: number;
}): Record<string, unknown> {
  return {
    taskRoleArn: `arn:aws:iam::${opts.accountId}:role/${opts.family}-task`,
    executionRoleArn: `arn:aws:iam::${opts.accountId}:role/ecsTaskExecutionRole`,
    networkMode: 'awsvpc',
    requiresCompatibilities: REQUIRES_FARGATE,
    cpu: String(opts.cpu),
    memory: String(opts.memory),
    runtimePlatform: RUNTIME_PLATFORM,
  };
}
