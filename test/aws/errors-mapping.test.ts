import { describe, expect, it } from 'vitest';
import { classifyAwsError, toAwsError, type ErrorContext } from '../../src/aws';
import { shortName } from '../../src/aws/resources';
import { AwsError } from '../../src/errors';

/** An error shaped like the SDK's service exceptions. */
function sdkError(
  name: string,
  message: string,
  status = 400,
  extra: Record<string, unknown> = {},
): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 },
    ...extra,
  });
}

const ecs = (operation: string, input: Record<string, unknown> = {}): ErrorContext => ({
  service: 'ecs',
  operation,
  input,
  region: 'eu-west-1',
});

describe('error mapping', () => {
  it('classifies by code', () => {
    const cases: [string, string][] = [
      ['AccessDeniedException', 'access-denied'],
      ['AccessDenied', 'access-denied'],
      ['UnauthorizedOperation', 'access-denied'],
      ['ClusterNotFoundException', 'not-found'],
      ['TargetGroupNotFoundException', 'not-found'],
      ['RuleNotFound', 'not-found'],
      ['ListenerNotFound', 'not-found'],
      ['ImageNotFoundException', 'not-found'],
      ['DeploymentGroupDoesNotExistException', 'not-found'],
      ['ApplicationDoesNotExistException', 'not-found'],
      ['DeploymentDoesNotExistException', 'not-found'],
      ['ThrottlingException', 'throttled'],
      ['Throttling', 'throttled'],
      ['TooManyRequestsException', 'throttled'],
      ['PriorRequestNotComplete', 'throttled'],
      ['ExpiredTokenException', 'credentials-expired'],
      ['ExpiredToken', 'credentials-expired'],
      ['InvalidParameterException', 'invalid-input'],
      ['ValidationError', 'invalid-input'],
      ['InvalidInputException', 'invalid-input'],
      ['ApplicationNameRequiredException', 'invalid-input'],
      ['UpdateInProgressException', 'conflict'],
      ['ConflictException', 'conflict'],
      ['DeploymentLimitExceededException', 'conflict'],
      ['DeploymentAlreadyCompletedException', 'conflict'],
      ['DeploymentIsNotInReadyStateException', 'conflict'],
      ['ServerException', 'server'],
      ['SomethingNew', 'unknown'],
    ];
    for (const [code, kind] of cases)
      expect(classifyAwsError(sdkError(code, 'x')).kind, code).toBe(kind);
  });

  it('treats ECS LimitExceededException as a quota, not throttling', () => {
    const err = toAwsError(
      sdkError('LimitExceededException', 'Too many revisions.'),
      ecs('RegisterTaskDefinition', { family: 'web' }),
    );
    expect(err).toMatchObject({
      kind: 'invalid-input',
      code: 'LimitExceededException',
      retryable: false,
    });
    expect(err.message).toBe(
      'ecs:RegisterTaskDefinition on task definition "web" hit an aws quota (LimitExceededException): too many revisions',
    );
    expect(err.hint).toContain('not throttling');
  });

  it('reads "unable to describe task definition" as not-found, other ClientExceptions as invalid input', () => {
    const missing = toAwsError(
      sdkError('ClientException', 'Unable to describe task definition.'),
      ecs('DescribeTaskDefinition', { taskDefinition: 'web:9' }),
    );
    expect(missing).toMatchObject({
      kind: 'not-found',
      message: 'task definition "web:9" not found',
    });
    expect(missing.hint).toBe(
      'check the name, and the region: looking in eu-west-1 (change it with --region)',
    );
    const bad = toAwsError(
      sdkError('ClientException', "Invalid setting for container 'c'."),
      ecs('RegisterTaskDefinition', { family: 'web' }),
    );
    expect(bad).toMatchObject({ kind: 'invalid-input' });
    expect(bad.message).toBe(
      'ecs:RegisterTaskDefinition on task definition "web" was rejected (ClientException): invalid setting for container \'c\'',
    );
  });

  it('says when a service is no longer active', () => {
    const err = toAwsError(
      sdkError('ServiceNotActiveException', 'Service was not ACTIVE.'),
      ecs('UpdateService', { cluster: 'prod', service: 'api' }),
    );
    expect(err).toMatchObject({ kind: 'not-found', resource: 'service "api" in cluster "prod"' });
    expect(err.message).toBe(
      'service "api" in cluster "prod" is not active (it was deleted or is draining)',
    );
  });

  it('uses short names from ARNs and the default cluster', () => {
    const err = toAwsError(
      sdkError('ServiceNotFoundException', 'Service not found.'),
      ecs('UpdateService', { service: 'arn:aws:ecs:eu-west-1:1:service/prod/api' }),
    );
    expect(err.message).toBe('service "api" not found in cluster "default"');
    expect(shortName('arn:aws:elasticloadbalancing:r:1:targetgroup/blue/abc')).toBe('blue');
    expect(shortName('arn:aws:elasticloadbalancing:r:1:loadbalancer/app/shop/abc')).toBe('shop');
    expect(shortName('arn:aws:ecs:r:1:task-definition/web:7')).toBe('web:7');
    expect(shortName('plain')).toBe('plain');
  });

  it('names the deployment group and application of CodeDeploy errors', () => {
    const err = toAwsError(sdkError('DeploymentGroupDoesNotExistException', 'No group'), {
      service: 'codedeploy',
      operation: 'GetDeploymentGroup',
      input: { applicationName: 'shop', deploymentGroupName: 'web-dg' },
    });
    expect(err.message).toBe('deployment group "web-dg" not found in application "shop"');
  });

  it('recognises SSO expiry from the credential provider, and missing credentials', () => {
    const sso = toAwsError(
      Object.assign(
        new Error(
          "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
        ),
        { name: 'TokenProviderError' },
      ),
      { ...ecs('ListClusters'), profile: 'corp' },
    );
    expect(sso).toMatchObject({
      kind: 'credentials-expired',
      hint: expect.stringContaining('aws sso login --profile corp'),
    });
    const none = toAwsError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      ecs('ListClusters'),
    );
    expect(none.kind).toBe('credentials-missing');
  });

  it('maps network, timeout, abort, 429 and 403 without a known code', () => {
    const dns = toAwsError(
      Object.assign(new Error('getaddrinfo ENOTFOUND ecs.xx-nowhere-1.amazonaws.com'), {
        code: 'ENOTFOUND',
      }),
      {
        ...ecs('ListClusters'),
        endpoint: 'https://ecs.xx-nowhere-1.amazonaws.com',
      },
    );
    expect(dns).toMatchObject({ kind: 'network', code: 'ENOTFOUND', retryable: true });
    expect(dns.hint).toContain('check the region name');
    // the SDK renames a reset to TimeoutError so it gets retried; it is still a network error
    const reset = toAwsError(
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }),
      ecs('ListClusters'),
    );
    expect(reset.kind).toBe('network');
    const connect = toAwsError(
      Object.assign(
        new Error(
          'the request socket did not establish a connection with the server within the configured timeout of 5000 ms.',
        ),
        { name: 'TimeoutError' },
      ),
      { ...ecs('ListClusters'), requestTimeoutMs: 10_000 },
    );
    expect(connect).toMatchObject({
      kind: 'timeout',
      message: 'ecs:ListClusters timed out after 5 s',
    });
    expect(
      toAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }), ecs('ListClusters'))
        .kind,
    ).toBe('aborted');
    expect(classifyAwsError(sdkError('Weird', 'x', 429)).kind).toBe('throttled');
    expect(classifyAwsError(sdkError('Weird', 'x', 403)).kind).toBe('access-denied');
    expect(classifyAwsError(sdkError('Weird', 'x', 502)).kind).toBe('server');
    expect(classifyAwsError(new SyntaxError('Unexpected end of JSON input')).kind).toBe('server');
  });

  it('passes an AwsError through unchanged and keeps the request id', () => {
    const first = toAwsError(sdkError('ThrottlingException', 'Rate exceeded'), ecs('ListClusters'));
    expect(first.requestId).toBe('req-1');
    expect(toAwsError(first, ecs('Other'))).toBe(first);
    expect(first).toBeInstanceOf(AwsError);
  });

  it('writes unknown errors with the code and the AWS message', () => {
    const err = toAwsError(
      sdkError('BrandNewException', 'Something odd happened.'),
      ecs('ListServices', { cluster: 'prod' }),
    );
    expect(err).toMatchObject({ kind: 'unknown', code: 'BrandNewException' });
    expect(err.message).toBe(
      'ecs:ListServices on cluster "prod" failed (BrandNewException): something odd happened',
    );
  });
});
