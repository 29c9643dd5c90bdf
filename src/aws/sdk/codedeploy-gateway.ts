import {
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentsCommand,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  GetApplicationCommand,
  GetApplicationRevisionCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  ListApplicationsCommand,
  ListDeploymentConfigsCommand,
  ListDeploymentGroupsCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type DeploymentStatus,
} from '@aws-sdk/client-codedeploy';
import { BugError } from '../../errors';
import { isDeploymentNotStarted, isRevisionMissing } from '../errors';
import type { CodeDeployGateway } from '../gateway';
import {
  mapApplication,
  mapDeployment,
  mapDeploymentConfig,
  mapDeploymentGroup,
  mapEcsTarget,
} from './map-codedeploy';
import { chunk, collectPages, mapLimit } from './paging';
import { abortable } from './send';

const BATCH_GET_DEPLOYMENTS = 100;
const BATCH_GET_APPS_AND_GROUPS = 100;

export function createCodeDeployGateway(
  client: CodeDeployClient,
  concurrency: number,
): CodeDeployGateway {
  return {
    // CodeDeploy list calls take no page size: the service picks it
    listApplications: (opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(new ListApplicationsCommand({ nextToken }), abortable(opts));
        return { items: out.applications, next: out.nextToken };
      }),

    async getApplication(name, opts) {
      const out = await client.send(
        new GetApplicationCommand({ applicationName: name }),
        abortable(opts),
      );
      if (!out.application) throw new BugError(`GetApplication ${name} returned nothing`);
      return mapApplication(out.application);
    },

    async batchGetApplications(names, opts) {
      const pages = await mapLimit(
        chunk(names, BATCH_GET_APPS_AND_GROUPS),
        concurrency,
        async (batch) => {
          const out = await client.send(
            new BatchGetApplicationsCommand({ applicationNames: batch }),
            abortable(opts),
          );
          return (out.applicationsInfo ?? []).map(mapApplication);
        },
      );
      return pages.flat();
    },

    async batchGetDeploymentGroups(applicationName, groupNames, opts) {
      const pages = await mapLimit(
        chunk(groupNames, BATCH_GET_APPS_AND_GROUPS),
        concurrency,
        async (batch) => {
          const out = await client.send(
            new BatchGetDeploymentGroupsCommand({ applicationName, deploymentGroupNames: batch }),
            abortable(opts),
          );
          return (out.deploymentGroupsInfo ?? []).map(mapDeploymentGroup);
        },
      );
      return pages.flat();
    },

    listDeploymentGroups: (applicationName, opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListDeploymentGroupsCommand({ applicationName, nextToken }),
          abortable(opts),
        );
        return { items: out.deploymentGroups, next: out.nextToken };
      }),

    async getDeploymentGroup(applicationName, groupName, opts) {
      const out = await client.send(
        new GetDeploymentGroupCommand({ applicationName, deploymentGroupName: groupName }),
        abortable(opts),
      );
      if (!out.deploymentGroupInfo)
        throw new BugError(`GetDeploymentGroup ${applicationName}/${groupName} returned nothing`);
      return mapDeploymentGroup(out.deploymentGroupInfo);
    },

    async getDeploymentConfig(name, opts) {
      const out = await client.send(
        new GetDeploymentConfigCommand({ deploymentConfigName: name }),
        abortable(opts),
      );
      if (!out.deploymentConfigInfo)
        throw new BugError(`GetDeploymentConfig ${name} returned nothing`);
      return mapDeploymentConfig(out.deploymentConfigInfo);
    },

    listDeploymentConfigs: (opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListDeploymentConfigsCommand({ nextToken }),
          abortable(opts),
        );
        return { items: out.deploymentConfigsList, next: out.nextToken };
      }),

    listDeployments: (query, opts) =>
      collectPages(async (nextToken) => {
        const out = await client.send(
          new ListDeploymentsCommand({
            applicationName: query.applicationName,
            deploymentGroupName: query.deploymentGroupName,
            includeOnlyStatuses: query.statuses as DeploymentStatus[] | undefined,
            nextToken,
          }),
          abortable(opts),
        );
        return { items: out.deployments, next: out.nextToken };
      }, query.max),

    async getDeployment(id, opts) {
      const out = await client.send(
        new GetDeploymentCommand({ deploymentId: id }),
        abortable(opts),
      );
      if (!out.deploymentInfo) throw new BugError(`GetDeployment ${id} returned nothing`);
      return mapDeployment(out.deploymentInfo);
    },

    async batchGetDeployments(ids, opts) {
      const pages = await mapLimit(
        chunk(ids, BATCH_GET_DEPLOYMENTS),
        concurrency,
        async (batch) => {
          const out = await client.send(
            new BatchGetDeploymentsCommand({ deploymentIds: batch }),
            abortable(opts),
          );
          return (out.deploymentsInfo ?? []).map(mapDeployment);
        },
      );
      return pages.flat();
    },

    async getEcsDeploymentTarget(deploymentId, opts) {
      try {
        // an ECS deployment has one target, `<cluster>:<service>`; list it rather than guess the id
        const targetId =
          opts?.targetId ??
          (await client.send(new ListDeploymentTargetsCommand({ deploymentId }), abortable(opts)))
            .targetIds?.[0];
        if (!targetId) return undefined;
        const out = await client.send(
          new GetDeploymentTargetCommand({ deploymentId, targetId }),
          abortable(opts),
        );
        const target = out.deploymentTarget?.ecsTarget;
        return target ? mapEcsTarget(target) : undefined;
      } catch (error) {
        // before the deployment starts there is no target yet, which is not a failure
        if (isDeploymentNotStarted(error)) return undefined;
        throw error;
      }
    },

    async getAppSpecContent(applicationName, sha256, opts) {
      try {
        const out = await client.send(
          new GetApplicationRevisionCommand({
            applicationName,
            revision: { revisionType: 'AppSpecContent', appSpecContent: { sha256 } },
          }),
          abortable(opts),
        );
        return out.revision?.appSpecContent?.content;
      } catch (error) {
        // only a missing revision means "no such AppSpec"; a missing application is an error
        if (isRevisionMissing(error)) return undefined;
        throw error;
      }
    },

    async createDeployment(input, opts) {
      const out = await client.send(
        new CreateDeploymentCommand({
          applicationName: input.applicationName,
          deploymentGroupName: input.deploymentGroupName,
          deploymentConfigName: input.deploymentConfigName,
          description: input.description,
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: { content: input.appSpecContent },
          },
        }),
        abortable(opts),
      );
      if (!out.deploymentId) throw new BugError('CreateDeployment returned no deployment id');
      return out.deploymentId;
    },

    async continueDeployment(id, waitType, opts) {
      await client.send(
        new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: waitType }),
        abortable(opts),
      );
    },

    async stopDeployment(id, autoRollbackEnabled, opts) {
      const out = await client.send(
        new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled }),
        abortable(opts),
      );
      return {
        ...(out.status ? { status: out.status } : {}),
        ...(out.statusMessage ? { message: out.statusMessage } : {}),
      };
    },
  };
}
