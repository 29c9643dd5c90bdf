import {
  ContinueServiceDeploymentCommand,
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTaskSetsCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListServiceDeploymentsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type ECSClient,
  type ServiceDeploymentStatus,
} from '@aws-sdk/client-ecs';
import { BugError } from '../../errors';
import type { EcsGateway } from '../gateway';
import type { Service, ServiceDeploymentBrief } from '../types';
import {
  mapServiceDeployment,
  mapServiceDeploymentBrief,
  mapServiceRevision,
} from './map-ecs-deployments';
import {
  mapService,
  mapTags,
  mapTaskSet,
  toSdkDeploymentConfiguration,
  toSdkLoadBalancer,
} from './map-ecs-service';
import { mapCluster, mapTask, mapTaskDefinition, toRegisterInput } from './map-ecs-task';
import { chunk, collectPages, mapLimit, pageSize } from './paging';
import { abortable } from './send';

/** AWS's per-call ceilings (aws-semantics A.4). */
const LIST_PAGE = 100;
const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_CLUSTERS_BATCH = 100;
const DESCRIBE_TASKS_BATCH = 100;
const SERVICE_DEPLOYMENTS_BATCH = 20;

/** AWS lists service deployments newest first; keep that promise even if a page disagrees. */
function newestFirst(briefs: ServiceDeploymentBrief[]): ServiceDeploymentBrief[] {
  const time = (b: ServiceDeploymentBrief) => b.createdAt?.getTime() ?? 0;
  return [...briefs].sort((a, b) => time(b) - time(a));
}

export function createEcsGateway(client: ECSClient, concurrency: number): EcsGateway {
  const batched = async <T, R>(
    items: readonly T[],
    size: number,
    fn: (batch: T[]) => Promise<R[]>,
  ): Promise<R[]> => (await mapLimit(chunk(items, size), concurrency, fn)).flat();

  return {
    listClusterArns: (opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListClustersCommand({ maxResults: LIST_PAGE, nextToken }),
          abortable(opts),
        );
        return { items: out.clusterArns, next: out.nextToken };
      }),

    describeClusters: (clusters, opts) =>
      batched(clusters, DESCRIBE_CLUSTERS_BATCH, async (batch) => {
        const out = await client.send(
          new DescribeClustersCommand({ clusters: batch }),
          abortable(opts),
        );
        return (out.clusters ?? []).map(mapCluster);
      }),

    listServiceArns: (cluster, opts) =>
      collectPages(async (nextToken) => {
        // the default page is 10: ask for 100 or a 1000-service cluster costs 100 calls
        const out = await client.send(
          new ListServicesCommand({ cluster, maxResults: LIST_PAGE, nextToken }),
          abortable(opts),
        );
        return { items: out.serviceArns, next: out.nextToken };
      }),

    async describeServices(cluster, services, opts) {
      const batches = chunk(services, DESCRIBE_SERVICES_BATCH);
      const results = await mapLimit(batches, concurrency, (batch) =>
        client.send(
          new DescribeServicesCommand({
            cluster,
            services: batch,
            ...(opts?.includeTags ? { include: ['TAGS'] } : {}),
          }),
          abortable(opts),
        ),
      );
      const found: Service[] = [];
      const missing: string[] = [];
      results.forEach((out, i) => {
        found.push(...(out.services ?? []).map(mapService));
        // AWS reports MISSING here (it is the only reason it gives for DescribeServices)
        for (const failure of out.failures ?? []) {
          // give back the name as the caller wrote it, not the ARN AWS built from it
          const asked = batches[i]?.find(
            (s) => failure.arn === s || failure.arn?.endsWith(`/${s}`),
          );
          missing.push(asked ?? failure.arn ?? '');
        }
      });
      return { services: found, missing };
    },

    async describeTaskDefinition(taskDefinition, opts) {
      const out = await client.send(
        new DescribeTaskDefinitionCommand({
          taskDefinition,
          ...(opts?.includeTags ? { include: ['TAGS'] } : {}),
        }),
        abortable(opts),
      );
      if (!out.taskDefinition)
        throw new BugError(`DescribeTaskDefinition ${taskDefinition} returned nothing`);
      return mapTaskDefinition(out.taskDefinition, out.tags);
    },

    listTaskDefinitionArns: (query, opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListTaskDefinitionsCommand({
            familyPrefix: query.familyPrefix,
            status: query.status,
            sort: query.sort,
            maxResults: pageSize(query.max, LIST_PAGE),
            nextToken,
          }),
          abortable(opts),
        );
        return { items: out.taskDefinitionArns, next: out.nextToken };
      }, query.max),

    listTaskDefinitionFamilies: (query, opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListTaskDefinitionFamiliesCommand({
            familyPrefix: query.familyPrefix,
            maxResults: pageSize(query.max, LIST_PAGE),
            nextToken,
          }),
          abortable(opts),
        );
        return { items: out.families, next: out.nextToken };
      }, query.max),

    async registerTaskDefinition(document, tags, opts) {
      const out = await client.send(
        new RegisterTaskDefinitionCommand(toRegisterInput(document, tags)),
        abortable(opts),
      );
      if (!out.taskDefinition)
        throw new BugError('RegisterTaskDefinition returned no task definition');
      return mapTaskDefinition(out.taskDefinition, out.tags);
    },

    listTaskArns: (cluster, query, opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListTasksCommand({
            cluster,
            serviceName: query.serviceName,
            desiredStatus: query.desiredStatus,
            startedBy: query.startedBy,
            maxResults: pageSize(query.max, LIST_PAGE),
            nextToken,
          }),
          abortable(opts),
        );
        return { items: out.taskArns, next: out.nextToken };
      }, query.max),

    describeTasks: (cluster, tasks, opts) =>
      batched(tasks, DESCRIBE_TASKS_BATCH, async (batch) => {
        const out = await client.send(
          new DescribeTasksCommand({ cluster, tasks: batch }),
          abortable(opts),
        );
        return (out.tasks ?? []).map(mapTask);
      }),

    async updateService(input, opts) {
      const out = await client.send(
        new UpdateServiceCommand({
          cluster: input.cluster,
          service: input.service,
          taskDefinition: input.taskDefinition,
          desiredCount: input.desiredCount,
          forceNewDeployment: input.forceNewDeployment,
          healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
          deploymentConfiguration: input.deploymentConfiguration
            ? toSdkDeploymentConfiguration(input.deploymentConfiguration)
            : undefined,
          loadBalancers: input.loadBalancers?.map(toSdkLoadBalancer),
        }),
        abortable(opts),
      );
      if (!out.service) throw new BugError(`UpdateService ${input.service} returned no service`);
      return mapService(out.service);
    },

    // the SDK has no paginator for ListServiceDeployments: follow nextToken by hand
    listServiceDeployments: async (cluster, service, query, opts) =>
      newestFirst(
        await collectPages(async (nextToken) => {
          const out = await client.send(
            new ListServiceDeploymentsCommand({
              cluster,
              service,
              status: query?.status as ServiceDeploymentStatus[] | undefined,
              maxResults: pageSize(query?.max, LIST_PAGE),
              nextToken,
            }),
            abortable(opts),
          );
          return {
            items: (out.serviceDeployments ?? []).map(mapServiceDeploymentBrief),
            next: out.nextToken,
          };
        }, query?.max),
      ),

    describeServiceDeployments: (arns, opts) =>
      batched(arns, SERVICE_DEPLOYMENTS_BATCH, async (batch) => {
        const out = await client.send(
          new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: batch }),
          abortable(opts),
        );
        return (out.serviceDeployments ?? []).map(mapServiceDeployment);
      }),

    describeServiceRevisions: (arns, opts) =>
      batched(arns, SERVICE_DEPLOYMENTS_BATCH, async (batch) => {
        const out = await client.send(
          new DescribeServiceRevisionsCommand({ serviceRevisionArns: batch }),
          abortable(opts),
        );
        return (out.serviceRevisions ?? []).map(mapServiceRevision);
      }),

    async stopServiceDeployment(arn, stopType, opts) {
      await client.send(
        new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType }),
        abortable(opts),
      );
    },

    async continueServiceDeployment(arn, hookId, action, opts) {
      await client.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action }),
        abortable(opts),
      );
    },

    async describeTaskSets(cluster, service, opts) {
      const out = await client.send(
        new DescribeTaskSetsCommand({ cluster, service }),
        abortable(opts),
      );
      return (out.taskSets ?? []).map(mapTaskSet);
    },

    async listTagsForResource(arn, opts) {
      const out = await client.send(
        new ListTagsForResourceCommand({ resourceArn: arn }),
        abortable(opts),
      );
      return mapTags(out.tags);
    },
  };
}
