import type { Rng } from '../../rng';

// ARN and DNS formats exactly as ELBv2 prints them, e.g.
// arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188

function prefix(region: string, accountId: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${accountId}`;
}

export function loadBalancerArn(region: string, accountId: string, name: string, rng: Rng): string {
  return `${prefix(region, accountId)}:loadbalancer/app/${name}/${rng.hex(16)}`;
}

/** `listener/app/<lb-name>/<lb-id>/<listener-id>`: the LB part is copied from the LB ARN. */
export function listenerArn(lbArn: string, rng: Rng): string {
  return `${lbArn.replace(':loadbalancer/', ':listener/')}/${rng.hex(16)}`;
}

export function ruleArn(listenerArnValue: string, rng: Rng): string {
  return `${listenerArnValue.replace(':listener/', ':listener-rule/')}/${rng.hex(16)}`;
}

export function targetGroupArn(region: string, accountId: string, name: string, rng: Rng): string {
  return `${prefix(region, accountId)}:targetgroup/${name}/${rng.hex(16)}`;
}

export type ElbResourceKind = 'loadbalancer' | 'listener' | 'listener-rule' | 'targetgroup';

/** Which kind of resource an ARN names, so tag calls can answer with the right NotFound code. */
export function resourceKind(arn: string): ElbResourceKind | undefined {
  const m =
    /^arn:aws[\w-]*:elasticloadbalancing:[^:]*:\d*:(loadbalancer|listener-rule|listener|targetgroup)\//.exec(
      arn,
    );
  return m ? (m[1] as ElbResourceKind) : undefined;
}

// Route 53 hosted zone ids of ALBs per region (public AWS endpoint tables).
const HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
};

export function canonicalHostedZoneId(region: string): string {
  return HOSTED_ZONES[region] ?? 'Z35SXDOTRQ7X7K';
}

export function dnsName(
  name: string,
  region: string,
  scheme: 'internet-facing' | 'internal',
  rng: Rng,
): string {
  const host = `${name}-${rng.digits(10)}.${region}.elb.amazonaws.com`;
  return scheme === 'internal' ? `internal-${host}` : host;
}
