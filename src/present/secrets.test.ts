import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type {
  Cluster,
  Service,
  ServiceDeployment,
  ServiceRevision,
  Task,
  TaskDefinition,
} from '../aws/types';
import { FIXTURE_NOW, loadFixture } from '../../test/fixtures/load';
import * as clusterRows from './cluster-rows';
import * as codeDeployRows from './codedeploy-rows';
import * as deploymentRows from './deployment-rows';
import * as eventRows from './event-rows';
import * as labels from './labels';
import * as mask from './mask';
import * as rolloutState from './rollout-state';
import * as serviceRows from './service-rows';
import * as taskDefinitionDiff from './task-definition-diff';
import * as taskDefinitionView from './task-definition-view';
import * as taskRows from './task-rows';
import * as time from './time';
import * as tokens from './tokens';
import * as trafficRows from './traffic-rows';

const MODULES: Record<string, Record<string, unknown>> = {
  'cluster-rows': clusterRows,
  'codedeploy-rows': codeDeployRows,
  'deployment-rows': deploymentRows,
  'event-rows': eventRows,
  labels,
  mask,
  'rollout-state': rolloutState,
  'service-rows': serviceRows,
  'task-definition-diff': taskDefinitionDiff,
  'task-definition-view': taskDefinitionView,
  'task-rows': taskRows,
  time,
  tokens,
  'traffic-rows': trafficRows,
};

// Every env value, secret source and command in these fixtures contains SUPERSECRET.
const v41 = loadFixture<TaskDefinition>('task-definition-api-41');
const v42 = loadFixture<TaskDefinition>('task-definition-api-42');
const service = loadFixture<Service>('service-rolling-in-progress');
const history = loadFixture<{ deployments: ServiceDeployment[]; revisions: ServiceRevision[] }>(
  'service-deployments',
);
const tasks = loadFixture<Task[]>('tasks-stopped');
const traffic = loadFixture<trafficRows.TrafficInput>('traffic');
const lookup = (arn: string) => [v41, v42].find((d) => d.arn === arn);
const app = v42.containers[0]!;
const secretSource = app.secrets[0]!.valueFrom;

/** Each formatter called on the fixtures; a new export without an entry fails the test below. */
const CALLS: Record<string, () => unknown> = {
  clusterRow: () => clusterRows.clusterRow(loadFixture<Cluster[]>('clusters')[0]!),
  clusterRows: () => clusterRows.clusterRows(loadFixture<Cluster[]>('clusters')),
  deploymentStatusLabel: () => deploymentRows.deploymentStatusLabel('ROLLBACK_FAILED'),
  serviceDeploymentRows: () =>
    deploymentRows.serviceDeploymentRows(
      history.deployments,
      new Map(history.revisions.map((r) => [r.arn, r])),
      FIXTURE_NOW,
      lookup,
    ),
  legacyDeploymentRows: () =>
    deploymentRows.legacyDeploymentRows(service.deployments, FIXTURE_NOW, lookup),
  codeDeployDeploymentRows: () =>
    codeDeployRows.codeDeployDeploymentRows(
      [
        {
          id: 'd-ABCDEFGH1',
          applicationName: 'api',
          deploymentGroupName: 'api-prod',
          status: 'Succeeded',
          createTime: v42.registeredAt,
          revisionSha256: 'sha-v42',
        },
      ],
      new Map([['sha-v42', v42.arn]]),
      FIXTURE_NOW,
      lookup,
    ),
  eventRows: () => eventRows.eventRows(service.events, FIXTURE_NOW),
  stripServicePrefix: () => eventRows.stripServicePrefix(service.events[0]!.message),
  taskDefinitionLabel: () => labels.taskDefinitionLabel(v42.arn),
  arnName: () => labels.arnName(v42.arn),
  roleName: () => labels.roleName(v42.taskRoleArn),
  splitImage: () => labels.splitImage(app.image),
  shortDigest: () => labels.shortDigest('sha256:9f86d081884c7d659a2f'),
  imageLabel: () => labels.imageLabel(app.image),
  repositoryName: () => labels.repositoryName(app.image),
  maskSecretSource: () =>
    [secretSource, '/prod/SUPERSECRET/x', 'arn:SUPERSECRET'].map(mask.maskSecretSource),
  primaryDeployment: () => rolloutState.primaryDeployment(service)?.id,
  primaryTaskSet: () => rolloutState.primaryTaskSet(service),
  rolloutState: () => rolloutState.rolloutState(service),
  lastDeploymentAt: () => rolloutState.lastDeploymentAt(service),
  isRolloutActive: () => rolloutState.isRolloutActive(service),
  controllerLabel: () => serviceRows.controllerLabel(service),
  mainContainer: () => serviceRows.mainContainer(v42, service)?.name,
  serviceRow: () =>
    serviceRows.serviceRow({ name: 'api', service, taskDefinition: v42 }, FIXTURE_NOW),
  serviceRowCache: () =>
    serviceRows.serviceRowCache()({ name: 'api', service, taskDefinition: v42 }, FIXTURE_NOW),
  serviceRows: () =>
    serviceRows.serviceRows(
      [{ name: 'api', service, taskDefinition: v41 }, { name: 'x' }],
      FIXTURE_NOW,
    ),
  diffTaskDefinitions: () => [
    taskDefinitionDiff.diffTaskDefinitions(v41, v42),
    taskDefinitionDiff.diffTaskDefinitions(v42, v41),
  ],
  diffText: () => taskDefinitionDiff.diffText(taskDefinitionDiff.diffTaskDefinitions(v41, v42)),
  taskDefinitionView: () => [v41, v42].map(taskDefinitionView.taskDefinitionView),
  containerView: () => v42.containers.map(taskDefinitionView.containerView),
  taskDefinitionLines: () =>
    [v41, v42].map((d) =>
      taskDefinitionView.taskDefinitionLines(taskDefinitionView.taskDefinitionView(d)),
    ),
  portsLabel: () => taskDefinitionView.portsLabel(app.portMappings),
  healthCheckLabel: () => taskDefinitionView.healthCheckLabel(app.healthCheck),
  taskRow: () => taskRows.taskRow(tasks[0]!, FIXTURE_NOW),
  taskRows: () => taskRows.taskRows(tasks, FIXTURE_NOW),
  groupStoppedTasks: () => taskRows.groupStoppedTasks(tasks, FIXTURE_NOW),
  formatAge: () => time.formatAge(1000),
  ageSince: () => time.ageSince(v42.registeredAt, FIXTURE_NOW),
  formatDuration: () => time.formatDuration(1000),
  durationBetween: () => time.durationBetween(v41.registeredAt, v42.registeredAt, FIXTURE_NOW),
  clockTime: () => time.clockTime(new Date(FIXTURE_NOW), 'UTC'),
  trafficRouteRows: () => trafficRows.trafficRouteRows(traffic),
  targetGroupRows: () => trafficRows.targetGroupRows(traffic),
  forwardTargets: () => trafficRows.forwardTargets(traffic.listeners[0]!.rules[1]!.actions),
};

describe('secrets never leave the domain objects', () => {
  it('covers every module and every exported formatter', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(Object.keys(MODULES).sort());
    const functions = Object.values(MODULES).flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => k),
    );
    expect(functions.sort()).toEqual(Object.keys(CALLS).sort());
  });

  it('no formatter output contains a secret value', () => {
    expect(JSON.stringify(v42)).toContain('SUPERSECRET'); // the fixture does carry them
    for (const [name, call] of Object.entries(CALLS)) {
      const out = JSON.stringify(call(), (_k, v: unknown) => (v instanceof Map ? [...v] : v)) ?? '';
      expect(out, name).not.toContain('SUPERSECRET');
    }
  });
});
