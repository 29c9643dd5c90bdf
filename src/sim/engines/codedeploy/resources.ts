/**
 * What Install needs and checks before it creates the replacement task set: the ECS service
 * and its PRIMARY (blue) task set, the target-group pair (blue is the group blue's tasks are
 * in), the listeners, and the AppSpec's task definition, container and port. A problem fails
 * the deployment with the error code CodeDeploy uses (aws-semantics D.3). Bad task
 * definition, container or port surface as ECS's CreateTaskSet error wrapped in
 * ECS_UPDATE_ERROR (unverified wording; the ECS texts are AWS's, B.10 and observed).
 */
import { codeDeployState, getGroup } from '../../services/codedeploy/model';
import { elbState } from '../../services/elbv2/model';
import { ecsScope, resolveTaskDefinition } from '../../services/ecs/state';
import { productionListenerProblem } from './traffic';
import type { Resources, Run } from './run';

export type Resolved = { ok: true; res: Resources } | { ok: false; code: string; message: string };

const ecsError = (message: string, code: string) =>
  `The ECS service cannot be updated due to an unexpected error: ${message} (Service: AmazonECS; Status Code: 400; Error Code: ${code})`;

export function resolveResources(run: Run): Resolved {
  const { world, region, rec, spec } = run;
  const group = getGroup(codeDeployState(world, region), rec.applicationName, rec.groupName);
  const { clusterName, serviceName } = group.ecsServices[0]!;
  const scope = ecsScope(world, region);
  const service = scope.ecs.clusters.get(clusterName)?.services.get(serviceName);
  if (!service || service.status !== 'ACTIVE' || service.deploymentController !== 'CODE_DEPLOY') {
    return {
      ok: false,
      code: 'INVALID_ECS_SERVICE',
      message: `The ECS service ${serviceName} in cluster ${clusterName} does not exist, is not ACTIVE, or does not use the CODE_DEPLOY deployment controller`,
    };
  }
  const blueSet = service.taskSets.find((s) => s.status === 'PRIMARY');
  if (!blueSet) {
    return {
      ok: false,
      code: 'INVALID_ECS_SERVICE',
      message: `The ECS service ${serviceName} has no PRIMARY task set to replace`,
    };
  }
  const elb = elbState(world, region);
  const arns = group.targetGroupNames.map((name) => elb.tgByName.get(name));
  const missing = group.targetGroupNames.filter((_, i) => !arns[i]);
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'ELASTIC_LOAD_BALANCING_INVALID',
      message: `Target group ${missing.join(', ')} of the deployment group does not exist`,
    };
  }
  const blueIndex = blueSet.loadBalancers.some((lb) => lb.targetGroupArn === arns[1]) ? 1 : 0;
  const blueArn = arns[blueIndex]!;
  const greenArn = arns[1 - blueIndex]!;
  const prodListenerArn = group.prodListenerArns[0]!;
  const listenerProblem = productionListenerProblem(world, region, prodListenerArn, blueArn);
  if (listenerProblem)
    return { ok: false, code: 'ELASTIC_LOAD_BALANCING_INVALID', message: listenerProblem };
  const testListenerArn = group.testListenerArns[0];
  if (testListenerArn && !elb.listeners.has(testListenerArn)) {
    return {
      ok: false,
      code: 'ELASTIC_LOAD_BALANCING_INVALID',
      message: `The test listener ${testListenerArn} does not exist`,
    };
  }

  const td = resolveTaskDefinition(scope.ecs, spec.taskDefinition);
  if (!td || td.status !== 'ACTIVE') {
    return {
      ok: false,
      code: 'ECS_UPDATE_ERROR',
      message: ecsError(
        td ? `TaskDefinition is inactive: ${td.arn}` : 'TaskDefinition not found.',
        'ClientException',
      ),
    };
  }
  const container = td.containerDefinitions.find((c) => c.name === spec.containerName);
  if (!container) {
    return {
      ok: false,
      code: 'ECS_UPDATE_ERROR',
      message: ecsError(
        `The container ${spec.containerName} does not exist in the task definition.`,
        'InvalidParameterException',
      ),
    };
  }
  if (!(container.portMappings ?? []).some((p) => p.containerPort === spec.containerPort)) {
    return {
      ok: false,
      code: 'ECS_UPDATE_ERROR',
      message: ecsError(
        `The container ${spec.containerName} did not have a container port ${spec.containerPort} defined.`,
        'InvalidParameterException',
      ),
    };
  }
  return {
    ok: true,
    res: {
      scope,
      service,
      blue: {
        set: blueSet,
        targetGroupArn: blueArn,
        targetGroupName: group.targetGroupNames[blueIndex],
      },
      green: { targetGroupArn: greenArn, targetGroupName: group.targetGroupNames[1 - blueIndex]! },
      taskDefinition: td,
      prodListenerArn,
      ...(testListenerArn ? { testListenerArn } : {}),
    },
  };
}
