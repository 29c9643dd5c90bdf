import type { Rng } from '../rng';

// Naming data shared by the scenarios: team-prefixed microservice names as a platform
// organisation grows them (`billing-invoice-api`, `identity-session-worker`), and the people
// and CI roles that deploy them.

export const TEAMS: readonly string[] = [
  'billing',
  'identity',
  'catalog',
  'search',
  'fulfillment',
  'inventory',
  'pricing',
  'analytics',
  'messaging',
  'growth',
  'risk',
  'ledger',
  'shipping',
  'support',
  'media',
  'reviews',
  'loyalty',
  'partner',
  'checkout',
  'accounts',
  'content',
  'ads',
  'data',
  'platform',
  'security',
  'compliance',
  'mobile',
  'merchant',
  'tax',
  'fraud',
];

export const DOMAINS: readonly string[] = [
  'invoice',
  'session',
  'token',
  'profile',
  'cart',
  'order',
  'refund',
  'ledger',
  'payout',
  'quote',
  'price',
  'promo',
  'coupon',
  'stock',
  'warehouse',
  'label',
  'carrier',
  'tracking',
  'return',
  'review',
  'rating',
  'media',
  'thumbnail',
  'feed',
  'event',
  'audit',
  'consent',
  'email',
  'sms',
  'push',
  'webhook',
  'report',
  'export',
  'import',
  'schema',
  'tenant',
  'account',
  'user',
  'device',
  'geo',
  'currency',
  'tax',
  'subscription',
  'plan',
  'usage',
  'metering',
  'search',
  'index',
  'catalog',
  'listing',
  'seller',
  'partner',
  'contract',
  'document',
  'kyc',
  'score',
  'rule',
  'case',
  'ticket',
  'chat',
];

export const ROLES: readonly string[] = [
  'api',
  'worker',
  'consumer',
  'scheduler',
  'gateway',
  'sync',
  'indexer',
  'exporter',
  'processor',
  'projector',
  'grpc',
  'cron',
  'router',
  'service',
  'publisher',
  'reconciler',
  'backfill',
  'cache',
  'admin',
  'webhooks',
];

/**
 * `count` distinct `team-domain-role` names in a seeded order. The product space holds 36,000
 * names; beyond that a shard suffix (`-2`, `-3`, ...) keeps them unique, so any `--services`
 * value works. Names are sampled without building the whole space: a stride walk over it.
 */
export function serviceNames(rng: Rng, count: number): string[] {
  const space = TEAMS.length * DOMAINS.length * ROLES.length;
  // a stride coprime with the space visits every index once, in a scattered order
  let stride = rng.int(Math.floor(space / 3), Math.floor((2 * space) / 3));
  while (gcd(stride, space) !== 1) stride++;
  const offset = rng.int(0, space - 1);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const k = (offset + (i % space) * stride) % space;
    const role = ROLES[k % ROLES.length]!;
    const rest = Math.floor(k / ROLES.length);
    const domain = DOMAINS[rest % DOMAINS.length]!;
    const team = TEAMS[Math.floor(rest / DOMAINS.length)]!;
    const shard = Math.floor(i / space);
    out[i] = shard === 0 ? `${team}-${domain}-${role}` : `${team}-${domain}-${role}-${shard + 1}`;
  }
  return out;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Who deploys: engineers through SSO, CI roles, and the odd IAM user. */
export function principals(accountId: string): readonly string[] {
  const sso = (role: string, user: string) =>
    `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${role}_5f2c8e1a7b3d9046/${user}`;
  return [
    `arn:aws:sts::${accountId}:assumed-role/github-actions-deploy/GitHubActions`,
    sso('PlatformEngineer', 'maria.lopez@example.com'),
    `arn:aws:sts::${accountId}:assumed-role/github-actions-deploy/GitHubActions`,
    sso('Developer', 'sam.okafor@example.com'),
    sso('Developer', 'priya.raman@example.com'),
    `arn:aws:sts::${accountId}:assumed-role/github-actions-deploy/GitHubActions`,
    sso('PlatformEngineer', 'jonas.weber@example.com'),
    `arn:aws:iam::${accountId}:user/deploy-bot`,
  ];
}
