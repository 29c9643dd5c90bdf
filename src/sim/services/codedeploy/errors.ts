import { SimError } from '../../core/errors';

// CodeDeploy errors: `__type` is the exception class name (aws-semantics D.6).

export const appNotFound = (name: string): SimError =>
  new SimError('ApplicationDoesNotExistException', `No application found for name: ${name}`);

export const groupNotFound = (name: string): SimError =>
  new SimError(
    'DeploymentGroupDoesNotExistException',
    `No Deployment Group found for name: ${name}`,
  );

export const configNotFound = (name: string): SimError =>
  new SimError(
    'DeploymentConfigDoesNotExistException',
    `No deployment configuration found for name: ${name}`,
  );

export const deploymentNotFound = (id: string): SimError =>
  new SimError('DeploymentDoesNotExistException', `The deployment ${id} could not be found`);

export const invalidDeploymentId = (id: string): SimError =>
  new SimError(
    'InvalidDeploymentIdException',
    `Specified DeploymentId is not in the valid format: ${id}`,
  );

export const invalidNextToken = (): SimError =>
  new SimError('InvalidNextTokenException', 'The next token was specified in an invalid format.');

export const batchLimit = (max: number): SimError =>
  new SimError(
    'BatchLimitExceededException',
    `The maximum number of names or IDs allowed for this request (${max}) was exceeded.`,
  );

export const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;
