import { createHash } from 'node:crypto';
import type { Service } from '../../aws/types';

/**
 * What must not change between plan and apply: revision, deployments, desired count and
 * deployment configuration. Events and counts move all the time and are left out.
 */
export function serviceFingerprint(service: Service): string {
  const material = JSON.stringify({
    td: service.taskDefinitionArn ?? null,
    deployments: service.deployments.map((d) => [d.id, d.taskDefinitionArn]).sort(),
    taskSets: service.taskSets.map((t) => [t.id, t.taskDefinitionArn, t.status]).sort(),
    desired: service.desiredCount,
    config: service.deploymentConfiguration,
    lbs: service.loadBalancers,
  });
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}
