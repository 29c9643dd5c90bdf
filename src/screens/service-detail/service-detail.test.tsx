import { describe, expect, it } from 'vitest';
import { buildCodeDeployWorld } from '../../../test/helpers/codedeploy-world';
import { stackForService } from '../../app/router';
import { buildCompletedDeployment } from '../../sim/services/codedeploy/builder';
import { browse, startWorld } from '../../tui/testing/browse-harness';
import { buildShop } from '../../tui/testing/shop-world';

const lines = (frame: string) => frame.split('\n');

async function openService(service: string, options: { build?: boolean } = {}) {
  let unhealthyAfter = 0;
  const sim = await startWorld((world) => {
    if (options.build !== false) unhealthyAfter = buildShop(world).unhealthyAfterMs;
  });
  const ctx = await browse(sim, { initialStack: stackForService('production', service) });
  return { ...ctx, unhealthyAfter };
}

describe('Service detail screen', () => {
  it('shows the summary and the deployment history with who started each, duration, revision, image', async () => {
    const { app } = await openService('zeta');
    const frame = await app.waitFor((f) => f.includes('newest 2 service deployments'));
    expect(lines(frame)[3]).toMatch(
      /zeta\s+ACTIVE\s+ROLLING\s+desired 2 · running 2 · pending 0\s+█+ 2\/2/,
    );
    await app.waitFor((f) => f.includes('image 1.1 ·'));
    expect(frame).toMatch(/task def zeta:2 · image/);
    expect(frame).toMatch(
      /\[Deployments\]\s+│\s+Tasks\s+│\s+Events\s+│\s+Traffic\s+│\s+Task definition/,
    );
    expect(frame).toMatch(/1h ago\s+succeeded\s+update\s+3m00s\s+zeta:2\s+1\.1/);
    expect(frame).toMatch(/30d ago\s+succeeded\s+service created\s+3m00s\s+zeta:1\s+1\.0/);
  });

  it('Deployments of a CODE_DEPLOY service: the CodeDeploy group history, rollbacks linked', async () => {
    const sim = await startWorld((world) => {
      const w = buildCodeDeployWorld(world);
      const deploy = (hoursAgo: number, failed = false) =>
        buildCompletedDeployment(world, {
          applicationName: 'web',
          groupName: 'web-prod',
          createdAt: world.now - hoursAgo * 3_600_000,
          taskDefinitionArn: failed ? w.revision('crash') : w.current.arn,
          containerName: 'app',
          creator: 'user',
          ...(failed ? { status: 'Failed' as const, rolledBack: true } : {}),
        });
      deploy(48);
      deploy(2, true);
    });
    const { app } = await browse(sim, {
      initialStack: stackForService('prod', 'web'),
      columns: 160,
    });
    const deploymentRows = (f: string) => lines(f).filter((l) => / d-[A-Z0-9]{9} /.test(l));
    // every row's image read (its AppSpec, then its task definition)
    const frame = await app.waitFor(
      (f) =>
        f.includes('newest 3 CodeDeploy deployments · web/web-prod') &&
        deploymentRows(f).filter((l) => l.includes('@sha256:')).length === 3,
    );
    expect(frame).not.toContain('no deployments recorded');
    expect(frame).toMatch(
      /STARTED\s+DEPLOYMENT\s+STATUS\s+STARTED BY\s+DURATION\s+REVISION\s+IMAGE/,
    );
    const rows = deploymentRows(frame);
    expect(rows).toHaveLength(3);
    const failedId = /(d-[A-Z0-9]{9})\s+rolled back/.exec(rows[1]!)?.[1];
    expect(failedId).toBeDefined();
    expect(rows[0]).toMatch(
      new RegExp(`1h ago d-\\w{9}\\s+succeeded\\s+rollback of ${failedId}\\s+\\S+\\s+web:1 `),
    );
    expect(rows[1]).toMatch(/2h ago d-\w{9}\s+rolled back\s+user\s+\S+\s+web:2\s+@sha256:/);
    expect(rows[1]).toContain(`rolled back by ${/d-[A-Z0-9]{9}/.exec(rows[0]!)![0]}`);
    expect(rows[2]).toMatch(/2d ago d-\w{9}\s+succeeded\s+user\s+\S+\s+web:1\s+@sha256:/);
  });

  it('Tasks: running tasks with health; x shows the stopped ones grouped by reason', async () => {
    const { app } = await openService('worker');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.next-tab');
    let frame = await app.waitFor((f) => f.includes('2 running tasks · x shows stopped'));
    expect(frame).toMatch(/TASK\s+LAST STATUS\s+HEALTH\s+REVISION\s+ZONE\s+STARTED\s+STARTED BY/);
    expect(frame).toMatch(/RUNNING\s+HEALTHY\s+worker:1/);
    await app.press('service.toggle-stopped');
    frame = await app.waitFor((f) => f.includes('3 stopped tasks · x shows running'));
    expect(frame).toContain('stopped, by reason');
    expect(frame).toMatch(
      /2×\s+EssentialContainerExited\s+Essential container in task exited · app exit 137 ×2 · last 19m ago/,
    );
    expect(frame).toMatch(/1×\s+TaskFailedToStart\s+CannotPullContainerError: pull access denied/);
    expect(frame).toMatch(/STOPPED\s+TaskFailedToStart\s+CannotPullContainerError/);
    await app.press('service.toggle-stopped');
    await app.waitFor((f) => f.includes('2 running tasks'));
  });

  it('Events: newest first, failures highlighted in the count', async () => {
    const { app } = await openService('worker');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.next-tab', { times: 2 });
    const frame = await app.waitFor((f) => f.includes('[Events]'));
    expect(frame).toMatch(/\d+ events, newest first · 1 failure highlighted/);
    const events = lines(frame).filter((l) => /^│[› ]\s+\d+[smhd] \d\d:\d\d:\d\d/.test(l));
    expect(events[0]).toContain('was unable to place a task');
    expect(events[1]).toContain('has reached a steady state');
  });

  it('Traffic: listener rules with weights as bars, and target health per group', async () => {
    const { app, sim, unhealthyAfter } = await openService('api');
    sim.advance(unhealthyAfter);
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.prev-tab', { times: 2 });
    const frame = await app.waitFor((f) => f.includes('TARGET HEALTH'));
    expect(frame).toMatch(
      /HTTPS :443\s+priority 10\s+path-pattern \/api\/\*\s+api-blue\s+█{20} 100%/,
    );
    expect(frame).toMatch(/api-green\s+░{20} 0%/);
    expect(frame).toMatch(/api-blue\s+HTTP:8080\s+2 healthy · 1 unhealthy\s+Target\.Timeout/);
  });

  it('Task definition: containers, image tag, cpu/memory, ports, health check; values masked, secrets by name', async () => {
    const { app } = await openService('api');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.prev-tab');
    const frame = await app.waitFor((f) => f.includes('container app (essential)'));
    expect(frame).toMatch(/api:3 \(ACTIVE\) · cpu 512 · memory 1024 · awsvpc · FARGATE/);
    expect(frame).toMatch(
      /image\s+123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/api:v1\.2\.0/,
    );
    expect(frame).toMatch(/tag\s+v1\.2\.0\s+digest —/);
    expect(frame).toMatch(/ports\s+8080\/tcp/);
    expect(frame).toMatch(/health check\s+CMD-SHELL curl/);
    expect(frame).toMatch(/API_KEY = ••••••/);
    expect(frame).toMatch(/FEATURE_X = ••••••/);
    expect(frame).toMatch(/secrets/);
    expect(app.frames().join('\n')).not.toContain('SUPERSECRET');
  });

  it('Task definition: v reveals the environment value under the cursor, and hides it again', async () => {
    const { app } = await openService('api');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.prev-tab');
    await app.waitFor((f) => f.includes('container app (essential)'));
    await app.press('service.reveal');
    await app.waitFor((f) => f.includes('reveal: move to an environment variable first'));
    const cursorAt = (f: string) => lines(f).find((l) => l.startsWith('│›')) ?? '';
    for (let i = 0; i < 40 && !/ {2}API_KEY =/.test(cursorAt(app.frame())); i++) {
      await app.press('nav.down');
    }
    await app.press('service.reveal');
    const revealed = await app.waitFor((f) =>
      cursorAt(f).includes('API_KEY = SUPERSECRET-rotated'),
    );
    // the warning was about the key before: the reveal that worked replaces it
    expect(revealed).not.toContain('move to an environment variable first');
    await app.press('service.reveal');
    await app.waitFor((f) => cursorAt(f).includes('API_KEY = ••••••'));
  });

  it('Task definition: D diffs two revisions picked from the family', async () => {
    const { app } = await openService('api');
    await app.waitFor((f) => f.includes('[Deployments]'));
    await app.press('nav.prev-tab');
    await app.waitFor((f) => f.includes('container app (essential)'));
    await app.press('service.diff');
    await app.waitFor((f) => f.includes('diff: from which revision') && f.includes('api:1'));
    await app.press('dialog.filter');
    await app.type('api:1');
    await app.press('dialog.confirm');
    await app.waitFor((f) => f.includes('diff: api:1 against which revision'));
    await app.press('dialog.filter');
    await app.type('api:3');
    await app.press('dialog.confirm');
    const frame = await app.waitFor((f) => f.includes('diff api:1 → api:3'));
    expect(frame).toContain('~ task cpu: 256 → 512');
    expect(frame).toContain('~ task memory: 512 → 1024');
    expect(frame).toMatch(/~ app image: api:v1\.0\.0 → api:v1\.2\.0 /);
    expect(frame).toContain('~ app env API_KEY changed');
    expect(app.frames().join('\n')).not.toContain('SUPERSECRET');
    // esc closes the diff, not the screen
    await app.press('global.back');
    const back = await app.waitFor((f) => f.includes('container app (essential)'));
    expect(lines(back)[1]).toMatch(/production › api/);
  });

  it('polls only the open tab', async () => {
    const { app, calls } = await openService('api');
    await app.waitFor((f) => f.includes('newest 1 service deployment'));
    await app.advance(60_000);
    expect(calls('elbv2', 'DescribeTargetHealth')).toBe(0);
    expect(calls('ecs', 'ListTasks')).toBe(0);
    const history = calls('ecs', 'ListServiceDeployments');
    expect(history).toBeGreaterThanOrEqual(2);
    await app.press('nav.prev-tab', { times: 2 });
    await app.waitFor((f) => f.includes('TARGET HEALTH'));
    await app.advance(60_000);
    await app.waitFor(() => calls('elbv2', 'DescribeTargetHealth') >= 2);
    expect(calls('ecs', 'ListServiceDeployments')).toBe(history);
    expect(calls('ecs', 'ListTasks')).toBe(0);
  });

  it('says so when the service does not exist', async () => {
    const { app } = await openService('nope');
    const frame = await app.waitFor((f) => f.includes('service nope not found'));
    expect(frame).toContain('esc goes back');
  });
});
