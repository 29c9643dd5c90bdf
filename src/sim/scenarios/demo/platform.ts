import { createCluster } from '../../services/ecs/services';
import { ecsScope } from '../../services/ecs/state';
import type { ServiceRec } from '../../services/ecs/types';
import type { World } from '../../world/world';
import { serviceNames } from '../names';
import { DAY } from './calendar';
import type { ClusterCtx } from './context';
import { planReleases, teamTags } from './context';
import { buildServiceHistory } from './history';
import { pushVersions, type ServiceImages } from './images';
import { recentOomKill, secretAccessLost } from './incidents';
import {
  addRule,
  buildClusterAlb,
  demoTargetGroup,
  hostIs,
  pathIs,
  registerServiceTargets,
  type ClusterAlb,
} from './load-balancers';
import { appProfile } from './task-definitions';

// `platform`: the shared cluster where every team runs its small services, a few hundred of
// them. Mostly rolling services with one to three tasks behind internal ALBs (host rules,
// at most 90 per load balancer, as the rules quota allows), gateways and admin tools on the
// public ALB, and consumers and cron jobs with no load balancer at all. A few are scaled to
// zero, had a task killed for memory, or cannot start tasks since a secret became unreadable.
// No per-service alarms: this cluster is about scale.

const NO_LOAD_BALANCER = new Set(['worker', 'consumer', 'cron', 'scheduler', 'backfill']);
const PUBLIC = new Set(['gateway', 'webhooks', 'admin']);
const RULES_PER_ALB = 90;

export function buildPlatform(
  world: World,
  region: string,
  people: readonly string[],
  count = 300,
): ServiceRec[] {
  const { rng } = world;
  const cluster = createCluster(ecsScope(world, region), 'platform', {
    at: world.now - 700 * DAY,
    tags: [{ key: 'owner', value: 'platform-team' }],
    containerInsights: 'enabled',
  });
  const catalog = new Map<string, ServiceImages>();
  const publicAlb = buildClusterAlb(world, region, 'platform-public');
  const ctx: ClusterCtx = {
    world,
    region,
    cluster,
    stage: 'production',
    alb: publicAlb,
    catalog,
    people,
  };
  const internal: ClusterAlb[] = [];
  let rulesOnLast = RULES_PER_ALB;
  let oidcUsed = false;
  const services: ServiceRec[] = [];

  for (const name of serviceNames(rng, count)) {
    const [team = 'platform'] = name.split('-');
    const role = name.slice(name.lastIndexOf('-') + 1);
    catalog.set(
      name,
      pushVersions(world, [region], {
        repo: name,
        tags: versionTags(world),
        calendar: {
          pending: rng.chance(0.15) ? 1 : 0,
          idleDays: rng.int(0, 60),
        },
      }),
    );
    const profile = appProfile(world, region, {
      family: name,
      container: 'app',
      ...(NO_LOAD_BALANCER.has(role) ? {} : { port: 8080 }),
      cpu: rng.pick([256, 512, 512, 1024]),
      memory: rng.pick([512, 1024, 1024, 2048]),
      env: 'production',
    });
    let tg: string | undefined;
    if (!NO_LOAD_BALANCER.has(role)) {
      tg = demoTargetGroup(world, region, name);
      if (PUBLIC.has(role)) {
        // one admin tool sits behind the identity provider
        const oidc: boolean = role === 'admin' && !oidcUsed;
        oidcUsed ||= oidc;
        addRule(world, publicAlb, { conditions: [pathIs(`/${name}/*`)], targetGroups: tg, oidc });
      } else {
        if (rulesOnLast >= RULES_PER_ALB) {
          internal.push(
            buildClusterAlb(world, region, `platform-internal-${internal.length + 1}`, {
              scheme: 'internal',
            }),
          );
          rulesOnLast = 0;
        }
        rulesOnLast++;
        addRule(world, internal[internal.length - 1]!, {
          conditions: [hostIs(`${name}.platform.internal`)],
          targetGroups: tg,
        });
      }
    }
    const desired = rng.chance(0.04) ? 0 : rng.int(1, 3);
    const service = buildServiceHistory(world, region, {
      cluster,
      name,
      desiredCount: desired,
      releases: planReleases(ctx, name, profile).releases,
      deploymentConfiguration: {
        strategy: 'ROLLING',
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      ...(tg
        ? { loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }] }
        : {}),
      tags: teamTags(ctx, team),
      createdBy: people[0]!,
    });
    const incident = rng.next();
    if (incident < 0.04) recentOomKill(world, region, service, rng.int(12, 50));
    else if (incident < 0.06 && desired >= 2)
      secretAccessLost(world, region, service, rng.int(15, 40));
    registerServiceTargets(world, region, service);
    services.push(service);
  }
  return services;
}

/** Two to four consecutive versions, `v<major>.<minor>.<patch>`, oldest first. */
function versionTags(world: World): string[] {
  const { rng } = world;
  const major = rng.int(1, 4);
  let minor = rng.int(0, 30);
  const out: string[] = [];
  for (let n = rng.int(2, 4); n > 0; n--) {
    const patch = rng.chance(0.3) ? rng.int(1, 3) : 0;
    out.push(`v${major}.${minor}.${patch}`);
    minor += 1;
  }
  return out;
}
