import { fargateTaskFields } from '../../services/ecs/builder-defaults';
import { randomFrom, randomHex } from '../../services/ecs/rand';
import { ecsScope } from '../../services/ecs/state';
import { registerTaskDefinition } from '../../services/ecs/task-definitions';
import type { ContainerDefinition, TaskDefinitionRec } from '../../services/ecs/types';
import type { World } from '../../world/world';

// Task definitions the way teams write them. A service's profile (environment, secrets,
// sidecars) is drawn once, and every revision changes only the image, so a diff between two
// revisions shows what a release changed and not random noise. Environment values include
// credentials in clear (DATABASE_URL with a password, API keys) because real task
// definitions do, and the app must mask them.

export interface SecretRef {
  name: string;
  valueFrom: string;
}

export interface AppProfile {
  family: string;
  /** The application container's name. */
  container: string;
  /** Container port; none for a worker. */
  port?: number;
  cpu: number;
  memory: number;
  environment: Record<string, string>;
  secrets: SecretRef[];
  healthCheck: boolean;
  /** A FireLens `log-router` sidecar ships the app's logs. */
  logRouter: boolean;
  command?: string[];
}

export interface ProfileSpec {
  family: string;
  container?: string;
  port?: number;
  cpu?: number;
  memory?: number;
  env: 'production' | 'staging';
  /** Extra plain variables (may look secret). */
  environment?: Record<string, string>;
  /** Leave out the health check (a worker, a cron job). */
  noHealthCheck?: boolean;
  logRouter?: boolean;
  command?: string[];
}

const PASSWORD = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const SUFFIX = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Draws a service's configuration: database and cache URLs with credentials, secrets. */
export function appProfile(world: World, region: string, spec: ProfileSpec): AppProfile {
  const { rng, accountId } = world;
  const app = spec.family.replace(/-staging$/, '');
  const db = app.replace(/-/g, '_');
  const cluster = randomFrom(rng, 12, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const environment: Record<string, string> = {
    APP_ENV: spec.env,
    LOG_LEVEL: spec.env === 'production' ? 'info' : 'debug',
    ...(spec.port !== undefined ? { PORT: String(spec.port) } : {}),
    DATABASE_URL: `postgres://${db}_app:${randomFrom(rng, 20, PASSWORD)}@${app}-db.cluster-${cluster}.${region}.rds.amazonaws.com:5432/${db}`,
    REDIS_URL: `rediss://default:${randomFrom(rng, 24, PASSWORD)}@${app}-cache.${cluster}.ng.0001.${region}.cache.amazonaws.com:6379`,
    SENTRY_DSN: `https://${randomHex(rng, 32)}@o${rng.digits(6)}.ingest.sentry.io/${rng.digits(7)}`,
    OTEL_SERVICE_NAME: spec.family,
    ...spec.environment,
  };
  const prefix = `${spec.env}/${app}`;
  const secrets: SecretRef[] = [
    {
      name: 'DB_PASSWORD',
      valueFrom: `arn:aws:secretsmanager:${region}:${accountId}:secret:${prefix}/db-${randomFrom(rng, 6, SUFFIX)}`,
    },
    {
      name: 'SESSION_SECRET',
      valueFrom: `arn:aws:ssm:${region}:${accountId}:parameter/${prefix}/session-secret`,
    },
  ];
  return {
    family: spec.family,
    container: spec.container ?? app,
    ...(spec.port !== undefined ? { port: spec.port } : {}),
    cpu: spec.cpu ?? 512,
    memory: spec.memory ?? 1024,
    environment,
    secrets,
    healthCheck: spec.port !== undefined && spec.noHealthCheck !== true,
    logRouter: spec.logRouter === true,
    ...(spec.command ? { command: spec.command } : {}),
  };
}

function appContainer(p: AppProfile, image: string, region: string): ContainerDefinition {
  const def: ContainerDefinition = {
    name: p.container,
    image,
    essential: true,
    portMappings:
      p.port !== undefined
        ? [{ containerPort: p.port, protocol: 'tcp', name: 'http', appProtocol: 'http' }]
        : [],
    environment: Object.entries(p.environment).map(([name, value]) => ({ name, value })),
    secrets: p.secrets,
    logConfiguration: p.logRouter
      ? {
          logDriver: 'awsfirelens',
          options: { Name: 'cloudwatch_logs', region, log_group_name: `/ecs/${p.family}` },
        }
      : {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${p.family}`,
            'awslogs-region': region,
            'awslogs-stream-prefix': 'ecs',
          },
        },
  };
  if (p.port !== undefined && p.healthCheck) {
    // short intervals so a rollout at demo speed turns healthy in seconds
    def.healthCheck = {
      command: ['CMD-SHELL', `curl -fsS http://localhost:${p.port}/health || exit 1`],
      interval: 10,
      timeout: 5,
      retries: 2,
      startPeriod: 15,
    };
  }
  if (p.command) def.command = p.command;
  return def;
}

function logRouter(region: string): ContainerDefinition {
  return {
    name: 'log-router',
    image: `public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4`,
    essential: true,
    memoryReservation: 50,
    firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } },
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/firelens',
        'awslogs-region': region,
        'awslogs-stream-prefix': 'log-router',
      },
    },
  };
}

/** Registers the next revision of the profile's family, running `image`, as `by` did at `at`. */
export function registerRevision(
  world: World,
  region: string,
  profile: AppProfile,
  image: string,
  at: number,
  by: string,
): TaskDefinitionRec {
  const containers = [appContainer(profile, image, region)];
  if (profile.logRouter) containers.push(logRouter(region));
  const td = registerTaskDefinition(
    ecsScope(world, region),
    {
      family: profile.family,
      containerDefinitions: containers,
      fields: fargateTaskFields({
        family: profile.family,
        region,
        accountId: world.accountId,
        cpu: profile.cpu,
        memory: profile.memory,
      }),
    },
    { at },
  );
  td.registeredBy = by;
  return td;
}
