import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGateway, type ClosableAwsGateway } from '../../src/aws';
import { ExpectedError } from '../../src/errors';
import { codeDeployDeploymentRows } from '../../src/present/codedeploy-rows';
import { imageLabel } from '../../src/present/labels';
import { buildCompletedDeployment } from '../../src/sim/services/codedeploy/builder';
import { buildService } from '../../src/sim/services/ecs/builder';
import { ManualTimer } from '../../src/state/manual-timer';
import { PollHub } from '../../src/state/poll-hub';
import { CodeDeployHistoryStore } from '../../src/state/stores/codedeploy-history';
import { ServiceDetailStore } from '../../src/state/stores/service-detail';
import { buildCodeDeployWorld } from '../helpers/codedeploy-world';
import { SIM_CREDENTIALS, startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Simulator (manual clock), SDK gateway and a hub on a manual timer; all closed after. */
async function start(scenario?: 'demo') {
  const sim: Sim = await startTestSim(scenario ? { scenario } : {});
  cleanups.push(() => sim.close());
  const gateway: ClosableAwsGateway = await createGateway({
    region: 'us-east-1',
    endpointUrl: sim.endpoint,
    credentials: SIM_CREDENTIALS,
  });
  cleanups.push(() => gateway.close());
  const time = new ManualTimer(sim.clock.now());
  const hub = new PollHub({ gateway, time });
  cleanups.push(() => hub.dispose());
  const calls = (op: string) => gateway.calls.count('codedeploy', op);
  return { sim, gateway, time, hub, calls };
}

const MINUTE = 60_000;

describe('Deployments tab of a CODE_DEPLOY service: the CodeDeploy history', () => {
  it('demo payments: six deployments, the failed one rolled back and linked both ways', async () => {
    const { sim, gateway, time, hub, calls } = await start('demo');
    const detail = new ServiceDetailStore(hub, { cluster: 'production', service: 'payments' });
    cleanups.push(() => detail.dispose());
    detail.start();
    await detail.service.whenIdle();
    await detail.codeDeployHistory.whenIdle();
    const service = detail.service.getSnapshot().data!;
    expect(service.deploymentController).toBe('CODE_DEPLOY');

    const history = detail.codeDeployHistory.getSnapshot().data!;
    expect(history).toMatchObject({ application: 'payments', deploymentGroup: 'payments-prod' });
    const rows = codeDeployDeploymentRows(
      history.deployments,
      history.revisions,
      sim.clock.now(),
      (arn) => hub.taskDefinitions.get(arn),
    );
    expect(rows).toHaveLength(6);
    const failed = rows.filter((r) => r.status === 'rolled back');
    expect(failed).toHaveLength(1);
    const rollback = rows.find((r) => r.startedBy === `rollback of ${failed[0]!.id}`)!;
    expect(rollback.status).toBe('succeeded');
    expect(failed[0]!.reason).toMatch(new RegExp(`^rolled back by ${rollback.id} · `));
    expect(failed[0]!.statusToken).toBe('rollout.rolledBack');
    expect(rows.filter((r) => r.startedBy === 'user')).toHaveLength(5);
    // the rollback redeployed what ran before the failed one
    expect(rollback.revision).toBe(rows[rows.indexOf(failed[0]!) + 1]!.revision);
    for (const r of rows) {
      expect(r.revision).toMatch(/^payments:\d+$/);
      expect(r.image).toMatch(/^(@sha256:[0-9a-f]{8}|v[\w.-]+)$/);
      expect(r.duration).toMatch(/^\d+(m\d\d)?s$/);
    }
    // the newest user deployment is what the service's PRIMARY task set runs
    const primary = service.taskSets.find((s) => s.status === 'PRIMARY')!;
    const current = rows.find((r) => r.id === primary.externalId)!;
    expect(current.revision).toBe(primary.taskDefinitionArn.split('/').pop());

    // one page, one batch, one AppSpec read per distinct revision
    expect(calls('ListDeployments')).toBe(1);
    expect(calls('BatchGetDeployments')).toBe(1);
    const revisions = calls('GetApplicationRevision');
    expect(revisions).toBe(new Set(history.deployments.map((d) => d.revisionSha256)).size);
    expect(revisions).toBe(5);
    // the ECS history started before the controller was known, then gave way
    expect(gateway.calls.count('ecs', 'ListServiceDeployments')).toBeLessThanOrEqual(1);

    // finished history never changes: a later poll is one ListDeployments
    const before = gateway.calls.snapshot();
    time.advance(30_000);
    await detail.codeDeployHistory.whenIdle();
    const after = gateway.calls.snapshot();
    const delta = Object.fromEntries(
      Object.entries(after)
        .filter(([k, n]) => k.startsWith('codedeploy:') && n !== (before[k] ?? 0))
        .map(([k, n]) => [k, n - (before[k] ?? 0)]),
    );
    expect(delta).toEqual({ 'codedeploy:ListDeployments': 1 });
    const budget = hub.getSnapshot().rates['codedeploy.read'] ?? 0;
    expect(budget).toBeLessThanOrEqual(hub.budget()['codedeploy.read']);
  });

  it('re-reads only the deployment still running, until it finishes', async () => {
    const { sim, gateway, time, hub, calls } = await start();
    const w = buildCodeDeployWorld(sim.world);
    for (let i = 3; i >= 1; i--) {
      buildCompletedDeployment(sim.world, {
        applicationName: 'web',
        groupName: 'web-prod',
        createdAt: sim.world.now - i * 60 * MINUTE,
        taskDefinitionArn: w.current.arn,
        containerName: 'app',
      });
    }
    const next = w.revision('v2');
    const running = await gateway.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: w.appSpec(next),
    });
    const batches = vi.spyOn(gateway.codedeploy, 'batchGetDeployments');
    const store = new CodeDeployHistoryStore(hub, {
      cluster: 'prod',
      service: 'web',
      intervals: { idle: 10_000, active: 10_000 },
    });
    cleanups.push(() => store.dispose());
    store.start();
    await store.whenIdle();
    const first = store.getSnapshot().data!;
    expect(first.deployments.map((d) => d.id)[0]).toBe(running);
    expect(first.deployments).toHaveLength(4);
    expect(batches.mock.calls[0]![0]).toHaveLength(4);
    const rows = () => {
      const h = store.getSnapshot().data!;
      return codeDeployDeploymentRows(h.deployments, h.revisions, sim.clock.now(), (arn) =>
        hub.taskDefinitions.get(arn),
      );
    };
    expect(rows()[0]).toMatchObject({
      id: running,
      revision: 'web:2',
      image: imageLabel(w.images.v2.pinnedUri),
    });
    expect(rows()[0]!.image).toMatch(/^@sha256:[0-9a-f]{8}$/);
    expect(rows()[0]!.status).toMatch(/^(created|in progress)$/);
    expect(
      rows()
        .slice(1)
        .map((r) => r.revision),
    ).toEqual(['web:1', 'web:1', 'web:1']);
    // two distinct AppSpecs (web:1 and web:2), each read once
    expect(calls('GetApplicationRevision')).toBe(2);

    // while it runs, each poll re-reads that one deployment only
    for (let i = 0; i < 3; i++) {
      sim.advance(10_000);
      time.advance(10_000);
      await store.whenIdle();
    }
    expect(batches.mock.calls.slice(1).map((c) => c[0])).toEqual([[running], [running], [running]]);

    // once it has finished, polls only list
    for (let i = 0; i < 100 && rows()[0]!.status !== 'succeeded'; i++) {
      sim.advance(30_000);
      time.advance(10_000);
      await store.whenIdle();
    }
    expect(rows()[0]).toMatchObject({ status: 'succeeded', startedBy: 'user' });
    const batchCalls = calls('BatchGetDeployments');
    sim.advance(10_000);
    time.advance(10_000);
    await store.whenIdle();
    expect(calls('BatchGetDeployments')).toBe(batchCalls);
    expect(calls('GetApplicationRevision')).toBe(2);
    expect(calls('ListApplications')).toBe(1); // the group was looked up once
  });

  it('stays inside the CodeDeploy budget while a rollout runs: the hub stretches its interval', async () => {
    const { sim, gateway, hub } = await start();
    const w = buildCodeDeployWorld(sim.world);
    await gateway.codedeploy.createDeployment({
      applicationName: 'web',
      deploymentGroupName: 'web-prod',
      appSpecContent: w.appSpec(w.revision('v2')),
    });
    const store = new CodeDeployHistoryStore(hub, { cluster: 'prod', service: 'web' });
    cleanups.push(() => store.dispose());
    store.start();
    await store.whenIdle();
    store.setActive(true); // 5 s wanted: ListDeployments + BatchGetDeployments each time
    const { rates, stretched } = hub.getSnapshot();
    expect(stretched).toEqual(['codedeploy-history:prod/web']);
    expect(rates['codedeploy.read']).toBeCloseTo(hub.budget()['codedeploy.read']);
    expect(store.getSnapshot().intervalMs).toBe(8_000); // 2 calls per 8 s = 0.25/s
  });

  it('a CODE_DEPLOY service no deployment group deploys: says so, and does not search again each poll', async () => {
    const { sim, gateway, time, hub } = await start();
    buildCodeDeployWorld(sim.world);
    buildService(sim.world, 'us-east-1', {
      cluster: 'prod',
      name: 'orphan',
      image: 'nginx:1.25',
      controller: 'CODE_DEPLOY',
    });
    const store = new CodeDeployHistoryStore(hub, {
      cluster: 'prod',
      service: 'orphan',
      intervals: { idle: 10_000, active: 10_000 },
    });
    cleanups.push(() => store.dispose());
    store.start();
    await store.whenIdle();
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.error).toBeInstanceOf(ExpectedError);
    expect(snapshot.error!.message).toBe(
      'no CodeDeploy deployment group deploys service "orphan" in cluster "prod"',
    );
    const searched = gateway.calls.count('codedeploy');
    expect(searched).toBeGreaterThan(0);
    time.advance(10_000);
    await store.whenIdle();
    time.advance(10_000);
    await store.whenIdle();
    expect(gateway.calls.count('codedeploy')).toBe(searched);
    // an explicit refresh looks again
    await store.refresh();
    expect(gateway.calls.count('codedeploy')).toBeGreaterThan(searched);
  });
});
