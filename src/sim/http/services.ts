import type { SimServiceName, WireProtocol } from '../core/types';

/** How each simulated service is addressed on the wire and which error codes it uses. */
export interface ServiceWire {
  readonly name: SimServiceName;
  readonly label: string;
  readonly protocol: WireProtocol;
  /** `X-Amz-Target` prefix for awsJson services. */
  readonly target?: string;
  /** `Version=` for awsQuery services (CloudWatch accepts both JSON and query). */
  readonly version?: string;
  readonly xmlns?: string;
  /** The SigV4 signing name in the credential scope. */
  readonly signingName: string;
  readonly codes: {
    readonly throttle: string;
    readonly validation: string;
    readonly server: string;
    readonly accessDenied: string;
    readonly expiredToken: string;
    readonly unavailable: string;
  };
}

export const SERVICE_WIRES: Readonly<Record<SimServiceName, ServiceWire>> = {
  ecs: {
    name: 'ecs',
    label: 'ECS',
    protocol: 'json1.1',
    target: 'AmazonEC2ContainerServiceV20141113',
    signingName: 'ecs',
    codes: {
      throttle: 'ThrottlingException',
      validation: 'InvalidParameterException',
      server: 'ServerException',
      accessDenied: 'AccessDeniedException',
      expiredToken: 'ExpiredTokenException',
      unavailable: 'ServiceUnavailableException',
    },
  },
  codedeploy: {
    name: 'codedeploy',
    label: 'CodeDeploy',
    protocol: 'json1.1',
    target: 'CodeDeploy_20141006',
    signingName: 'codedeploy',
    codes: {
      throttle: 'ThrottlingException',
      validation: 'InvalidInputException',
      server: 'InternalFailure',
      accessDenied: 'AccessDeniedException',
      expiredToken: 'ExpiredTokenException',
      unavailable: 'ServiceUnavailable',
    },
  },
  ecr: {
    name: 'ecr',
    label: 'ECR',
    protocol: 'json1.1',
    target: 'AmazonEC2ContainerRegistry_V20150921',
    signingName: 'ecr',
    codes: {
      throttle: 'ThrottlingException',
      validation: 'InvalidParameterException',
      server: 'ServerException',
      accessDenied: 'AccessDeniedException',
      expiredToken: 'ExpiredTokenException',
      unavailable: 'ServiceUnavailableException',
    },
  },
  cloudwatch: {
    name: 'cloudwatch',
    label: 'CloudWatch',
    protocol: 'json1.0',
    target: 'GraniteServiceVersion20100801',
    version: '2010-08-01',
    xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
    signingName: 'monitoring',
    codes: {
      throttle: 'Throttling',
      validation: 'InvalidParameterValue',
      server: 'InternalServiceError',
      accessDenied: 'AccessDenied',
      expiredToken: 'ExpiredToken',
      unavailable: 'ServiceUnavailable',
    },
  },
  elbv2: {
    name: 'elbv2',
    label: 'ELBv2',
    protocol: 'query',
    version: '2015-12-01',
    xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    signingName: 'elasticloadbalancing',
    codes: {
      throttle: 'Throttling',
      validation: 'ValidationError',
      server: 'InternalFailure',
      accessDenied: 'AccessDenied',
      expiredToken: 'ExpiredToken',
      unavailable: 'ServiceUnavailable',
    },
  },
  sts: {
    name: 'sts',
    label: 'STS',
    protocol: 'query',
    version: '2011-06-15',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    signingName: 'sts',
    codes: {
      throttle: 'Throttling',
      validation: 'ValidationError',
      server: 'InternalFailure',
      accessDenied: 'AccessDenied',
      expiredToken: 'ExpiredToken',
      unavailable: 'ServiceUnavailable',
    },
  },
};

export function serviceByTarget(prefix: string): ServiceWire | undefined {
  return Object.values(SERVICE_WIRES).find((s) => s.target === prefix);
}

export function serviceByVersion(version: string): ServiceWire | undefined {
  return Object.values(SERVICE_WIRES).find((s) => s.version === version);
}

export function serviceBySigningName(name: string): ServiceWire | undefined {
  return Object.values(SERVICE_WIRES).find((s) => s.signingName === name);
}
