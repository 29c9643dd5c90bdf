import type { AwsErrorKind } from '../errors';
import type { ResourceKind } from './resources';

/**
 * AWS error codes by what they mean for ecs-rollout. Codes arrive as the SDK exception `name`
 * (`TargetGroupNotFoundException`) or the raw wire code (`TargetGroupNotFound`); both forms are
 * listed where they differ. Read only by errors.ts.
 */

/** Not-found codes and the kind of resource each one is about. */
export const NOT_FOUND_CODES: Readonly<Record<string, ResourceKind>> = {
  ClusterNotFoundException: 'cluster',
  ServiceNotFoundException: 'service',
  ServiceNotActiveException: 'service',
  TaskSetNotFoundException: 'task set',
  ServiceDeploymentNotFoundException: 'service deployment',
  ResourceNotFoundException: 'resource',
  ResourceNotFound: 'resource',
  LoadBalancerNotFound: 'load balancer',
  LoadBalancerNotFoundException: 'load balancer',
  ListenerNotFound: 'listener',
  ListenerNotFoundException: 'listener',
  RuleNotFound: 'rule',
  RuleNotFoundException: 'rule',
  TargetGroupNotFound: 'target group',
  TargetGroupNotFoundException: 'target group',
  ImageNotFoundException: 'image',
  RepositoryNotFoundException: 'repository',
  ApplicationDoesNotExistException: 'application',
  DeploymentGroupDoesNotExistException: 'deployment group',
  DeploymentDoesNotExistException: 'deployment',
  DeploymentConfigDoesNotExistException: 'deployment config',
  DeploymentTargetDoesNotExistException: 'deployment target',
  RevisionDoesNotExistException: 'application revision',
};

const EXACT: Readonly<Record<string, AwsErrorKind>> = {
  AccessDeniedException: 'access-denied',
  AccessDenied: 'access-denied',
  UnauthorizedOperation: 'access-denied',
  UnauthorizedException: 'access-denied',
  AuthFailure: 'access-denied',
  OptInRequired: 'access-denied',
  // the key itself is wrong or unknown: AWS refuses to talk, which the person fixes in IAM/config
  UnrecognizedClientException: 'access-denied',
  InvalidClientTokenId: 'access-denied',
  InvalidSignatureException: 'access-denied',
  SignatureDoesNotMatch: 'access-denied',

  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  ThrottledException: 'throttled',
  TooManyRequestsException: 'throttled',
  PriorRequestNotComplete: 'throttled',
  RequestLimitExceeded: 'throttled',
  RequestThrottled: 'throttled',
  RequestThrottledException: 'throttled',
  SlowDown: 'throttled',
  BandwidthLimitExceeded: 'throttled',
  EC2ThrottledException: 'throttled',
  ProvisionedThroughputExceededException: 'throttled',

  ExpiredTokenException: 'credentials-expired',
  ExpiredToken: 'credentials-expired',
  RequestExpired: 'credentials-expired',
  TokenRefreshRequired: 'credentials-expired',

  UpdateInProgressException: 'conflict',
  ConflictException: 'conflict',
  ResourceInUse: 'conflict',
  ResourceInUseException: 'conflict',
  PriorityInUse: 'conflict',
  DeploymentLimitExceededException: 'conflict',
  DeploymentAlreadyCompletedException: 'conflict',
  DeploymentIsNotInReadyStateException: 'conflict',
  DeploymentNotStartedException: 'conflict',
  DeploymentAlreadyStartedException: 'conflict',
  InvalidDeploymentStatusException: 'conflict',
  LifecycleEventAlreadyCompletedException: 'conflict',
  BlockedException: 'conflict',

  InvalidParameterException: 'invalid-input',
  ClientException: 'invalid-input',
  ValidationError: 'invalid-input',
  ValidationException: 'invalid-input',
  InvalidInputException: 'invalid-input',
  InvalidParameterValue: 'invalid-input',
  InvalidParameterValueException: 'invalid-input',
  InvalidParameterCombination: 'invalid-input',
  MissingParameter: 'invalid-input',
  InvalidRequestException: 'invalid-input',
  SerializationException: 'invalid-input',
  UnsupportedFeatureException: 'invalid-input',
  PlatformUnknownException: 'invalid-input',
  PlatformTaskDefinitionIncompatibilityException: 'invalid-input',
  OperationNotPermitted: 'invalid-input',
  OperationNotPermittedException: 'invalid-input',
  IncompatibleProtocols: 'invalid-input',
  UnknownOperationException: 'invalid-input',
  InvalidAction: 'invalid-input',

  ServerException: 'server',
  InternalFailure: 'server',
  InternalError: 'server',
  InternalServiceError: 'server',
  InternalServiceFault: 'server',
  InternalServerException: 'server',
  ServiceUnavailable: 'server',
  ServiceUnavailableException: 'server',
  HealthUnavailable: 'server',
  InsufficientCapacity: 'server',
};

/**
 * Quota errors. ECS `LimitExceededException` is one of these, not throttling, even though the
 * SDK retries it as if it were: waiting does not help, removing things or raising the quota does.
 */
export function isQuotaCode(code: string): boolean {
  if (code === 'DeploymentLimitExceededException') return false;
  return /LimitExceeded|^TooMany|QuotaExceeded/.test(code);
}

export const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPROTO',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'ETIMEDOUT',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Kind for an AWS service error code, or undefined when the code alone does not tell. */
export function kindForCode(code: string): AwsErrorKind | undefined {
  if (NOT_FOUND_CODES[code]) return 'not-found';
  const exact = EXACT[code];
  if (exact) return exact;
  if (isQuotaCode(code)) return 'invalid-input';
  if (/^Invalid|RequiredException$|^Missing|^Unsupported|^Duplicate/.test(code))
    return 'invalid-input';
  if (/NotFound|DoesNotExist/.test(code)) return 'not-found';
  return undefined;
}
