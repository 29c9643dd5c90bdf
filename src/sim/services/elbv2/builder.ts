/**
 * Builders for scenarios and tests: an ALB with listeners, target groups and forward rules,
 * straight into the world (no request parsing), cheap enough for thousands of services.
 * Everything returned is an ARN; read or change things later through the API or
 * `targets.ts` / `weights.ts`.
 */
import type { World } from '../../world/world';
import { createListener, createLoadBalancer, createRule, type LoadBalancerSpec } from './model';
import type { ActionRec, WeightedTargetGroup } from './state';
import { createTargetGroup, type TargetGroupSpec } from './target-groups';

export interface OidcSpec {
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/** A forward action; one group gets weight 1 as AWS reads back a plain TargetGroupArn. */
export function forwardAction(
  groups: string | readonly WeightedTargetGroup[],
  opts: { order?: number; stickinessSeconds?: number } = {},
): ActionRec {
  const targetGroups =
    typeof groups === 'string'
      ? [{ targetGroupArn: groups, weight: 1 }]
      : groups.map((g) => ({ ...g }));
  return {
    type: 'forward',
    ...(opts.order !== undefined ? { order: opts.order } : {}),
    targetGroups,
    stickiness: opts.stickinessSeconds
      ? { enabled: true, durationSeconds: opts.stickinessSeconds }
      : { enabled: false },
  };
}

export function fixedResponseAction(statusCode = '404', order?: number): ActionRec {
  return {
    type: 'fixed-response',
    ...(order !== undefined ? { order } : {}),
    config: { StatusCode: statusCode, ContentType: 'text/plain', MessageBody: 'Not Found' },
  };
}

/** authenticate-oidc with the defaults AWS fills in (cookie name, scope, timeout). */
export function oidcAction(spec: OidcSpec = {}, order = 1): ActionRec {
  const issuer = spec.issuer ?? 'https://login.example.com';
  return {
    type: 'authenticate-oidc',
    order,
    config: {
      Issuer: issuer,
      AuthorizationEndpoint: `${issuer}/oauth2/authorize`,
      TokenEndpoint: `${issuer}/oauth2/token`,
      UserInfoEndpoint: `${issuer}/oauth2/userinfo`,
      ClientId: spec.clientId ?? 'ecs-rollout-demo',
      SessionCookieName: 'AWSELBAuthSessionCookie',
      Scope: spec.scope ?? 'openid',
      SessionTimeout: 604800,
      OnUnauthenticatedRequest: 'authenticate',
    },
    clientSecret: spec.clientSecret ?? 'sim-client-secret',
  };
}

export interface AlbBuildSpec extends LoadBalancerSpec {
  region?: string;
  /** HTTP listener port (default 80); its default action answers 404 unless a group is given. */
  httpPort?: number;
  defaultTargetGroupArn?: string;
  /** Adds an HTTPS listener (default port 443), optionally behind authenticate-oidc. */
  https?: { port?: number; certificateArn?: string; oidc?: OidcSpec | boolean };
}

export interface BuiltAlb {
  loadBalancerArn: string;
  dnsName: string;
  httpListenerArn: string;
  httpsListenerArn?: string;
}

export function buildAlb(world: World, spec: AlbBuildSpec): BuiltAlb {
  const region = spec.region ?? world.defaultRegion;
  const lb = createLoadBalancer(world, region, spec);
  const fallback = (order?: number) =>
    spec.defaultTargetGroupArn
      ? forwardAction(spec.defaultTargetGroupArn, order !== undefined ? { order } : {})
      : fixedResponseAction('404', order);
  const http = createListener(world, region, {
    loadBalancerArn: lb.arn,
    port: spec.httpPort ?? 80,
    protocol: 'HTTP',
    defaultActions: [fallback()],
  });
  const built: BuiltAlb = {
    loadBalancerArn: lb.arn,
    dnsName: lb.dnsName,
    httpListenerArn: http.arn,
  };
  if (spec.https) {
    const oidc = spec.https.oidc;
    const https = createListener(world, region, {
      loadBalancerArn: lb.arn,
      port: spec.https.port ?? 443,
      protocol: 'HTTPS',
      certificateArns: [
        spec.https.certificateArn ??
          `arn:aws:acm:${region}:${world.accountId}:certificate/${world.rng.uuid()}`,
      ],
      defaultActions: oidc ? [oidcAction(oidc === true ? {} : oidc, 1), fallback(2)] : [fallback()],
    });
    built.httpsListenerArn = https.arn;
  }
  return built;
}

export function buildTargetGroup(
  world: World,
  spec: TargetGroupSpec & { region?: string },
): string {
  return createTargetGroup(world, spec.region ?? world.defaultRegion, spec).arn;
}

export interface ForwardRuleSpec {
  region?: string;
  listenerArn: string;
  priority: number;
  /** At least one of the two; default path pattern "/*". */
  pathPattern?: string;
  hostHeader?: string;
  targetGroups: string | readonly WeightedTargetGroup[];
  stickinessSeconds?: number;
  /** Put authenticate-oidc (Order 1) before the forward (Order 2); HTTPS listeners only. */
  oidc?: OidcSpec | boolean;
}

export function buildForwardRule(world: World, spec: ForwardRuleSpec): string {
  const conditions: Record<string, unknown>[] = [];
  if (spec.hostHeader) {
    conditions.push({
      Field: 'host-header',
      Values: [spec.hostHeader],
      HostHeaderConfig: { Values: [spec.hostHeader] },
    });
  }
  if (spec.pathPattern || !spec.hostHeader) {
    const path = spec.pathPattern ?? '/*';
    conditions.push({
      Field: 'path-pattern',
      Values: [path],
      PathPatternConfig: { Values: [path] },
    });
  }
  const sticky = spec.stickinessSeconds ? { stickinessSeconds: spec.stickinessSeconds } : {};
  const actions = spec.oidc
    ? [
        oidcAction(spec.oidc === true ? {} : spec.oidc, 1),
        forwardAction(spec.targetGroups, { order: 2, ...sticky }),
      ]
    : [forwardAction(spec.targetGroups, sticky)];
  return createRule(world, spec.region ?? world.defaultRegion, {
    listenerArn: spec.listenerArn,
    priority: spec.priority,
    conditions,
    actions,
  }).arn;
}

export interface ServiceRoutingSpec {
  region?: string;
  listenerArn: string;
  serviceName: string;
  priority: number;
  /** Two groups (`<name>-blue` at 100, `<name>-green` at 0) instead of one (`<name>-tg`). */
  blueGreen?: boolean;
  port?: number;
  healthCheck?: TargetGroupSpec['healthCheck'];
  deregistrationDelaySeconds?: number;
  oidc?: OidcSpec | boolean;
}

/** Target group(s) plus a `/<service>/*` rule: the usual shape of one ECS service behind an ALB. */
export function buildServiceRouting(
  world: World,
  spec: ServiceRoutingSpec,
): { targetGroupArns: string[]; ruleArn: string } {
  const base = spec.serviceName.slice(0, 26).replace(/-+$/, '');
  const names = spec.blueGreen ? [`${base}-blue`, `${base}-green`] : [`${base}-tg`];
  const targetGroupArns = names.map((name) =>
    buildTargetGroup(world, {
      name,
      ...(spec.region ? { region: spec.region } : {}),
      port: spec.port ?? 8080,
      ...(spec.healthCheck ? { healthCheck: spec.healthCheck } : {}),
      ...(spec.deregistrationDelaySeconds !== undefined
        ? { deregistrationDelaySeconds: spec.deregistrationDelaySeconds }
        : {}),
    }),
  );
  const ruleArn = buildForwardRule(world, {
    ...(spec.region ? { region: spec.region } : {}),
    listenerArn: spec.listenerArn,
    priority: spec.priority,
    pathPattern: `/${spec.serviceName}/*`,
    targetGroups: spec.blueGreen
      ? targetGroupArns.map((arn, i) => ({ targetGroupArn: arn, weight: i === 0 ? 100 : 0 }))
      : targetGroupArns[0]!,
    ...(spec.oidc ? { oidc: spec.oidc } : {}),
  });
  return { targetGroupArns, ruleArn };
}
