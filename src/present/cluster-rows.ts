import type { Cluster } from '../aws/types';
import { NONE, type Token } from './tokens';

export interface ClusterRow {
  key: string;
  name: string;
  status: string;
  statusToken: Token;
  services: string;
  /** `running/pending` tasks, e.g. `12/1`. */
  tasks: string;
  running: number;
  pending: number;
  capacityProviders: string;
}

export function clusterRow(cluster: Cluster): ClusterRow {
  return {
    key: cluster.arn,
    name: cluster.name,
    status: cluster.status,
    statusToken: statusToken(cluster.status),
    services: String(cluster.activeServicesCount),
    tasks: `${cluster.runningTasksCount}/${cluster.pendingTasksCount}`,
    running: cluster.runningTasksCount,
    pending: cluster.pendingTasksCount,
    capacityProviders: cluster.capacityProviders.length
      ? cluster.capacityProviders.join(', ')
      : NONE,
  };
}

/** Clusters sorted by name, as the Clusters screen lists them. */
export function clusterRows(clusters: readonly Cluster[]): ClusterRow[] {
  return [...clusters].sort((a, b) => a.name.localeCompare(b.name)).map(clusterRow);
}

function statusToken(status: string): Token {
  if (status === 'ACTIVE') return 'status.ok';
  if (status === 'PROVISIONING' || status === 'DEPROVISIONING') return 'status.info';
  if (status === 'FAILED') return 'status.error';
  return 'ui.dim';
}
