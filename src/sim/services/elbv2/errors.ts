import { SimError } from '../../core/errors';

// ELBv2 errors with the short awsQuery codes AWS sends (aws-semantics A.3). Messages follow
// AWS where known ("One or more ... not found") and name the bad value otherwise.

export const loadBalancerNotFound = (): SimError =>
  new SimError('LoadBalancerNotFound', 'One or more load balancers not found');

export const listenerNotFound = (): SimError =>
  new SimError('ListenerNotFound', 'One or more listeners not found');

export const ruleNotFound = (): SimError =>
  new SimError('RuleNotFound', 'One or more rules not found');

export const targetGroupNotFound = (arn?: string): SimError =>
  new SimError(
    'TargetGroupNotFound',
    arn ? `Target group '${arn}' not found` : 'One or more target groups not found',
  );

/** `ValidationError` with the Coral-style text AWS (and moto) use for constraint violations. */
export function constraintError(value: string, path: string, constraint: string): SimError {
  return new SimError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

export function validationError(message: string): SimError {
  return new SimError('ValidationError', message);
}
