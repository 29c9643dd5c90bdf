import { describe, expect, it } from 'vitest';
import { ecsScope, resolveTaskDefinition } from '../../sim/services/ecs/state';
import { deregisterTaskDefinition } from '../../sim/services/ecs/task-definitions';
import { startWorld } from '../../tui/testing/browse-harness';
import { deployApp } from '../shared/testing/deploy-harness';
import { buildDeployWorld, REGION } from '../shared/testing/deploy-world';
import { answerDialog, flatten, followRollout, keysLive } from '../shared/testing/follow';

const SERVICES = [{ kind: 'clusters' as const }, { kind: 'services' as const, cluster: 'prod' }];

async function openPicker(prepare?: (b: Awaited<ReturnType<typeof deployApp>>) => Promise<void>) {
  const sim = await startWorld((w) => {
    buildDeployWorld(w);
  });
  const b = await deployApp(sim, { initialStack: SERVICES });
  await b.app.waitFor((f) => /› api\s/.test(f));
  await prepare?.(b);
  await b.app.press('service.rollback');
  return b;
}

describe('rollback picker', () => {
  it('lists completed deployments, current marked and skipped, with the diff against what runs now', async () => {
    const b = await openPicker();
    const frame = flatten(await b.app.waitFor((f) => f.includes('pick a completed deployment')));
    await keysLive(b.app, 'enter next');
    expect(frame).toMatch(/api:3 ●\s+ACTIVE\s+v1\.2\.0 @sha256:[0-9a-f]{8} \(runs now\)/);
    expect(frame).toMatch(/› .*api:2\s+ACTIVE\s+v1\.1\.0 @sha256:[0-9a-f]{8}/);
    expect(frame).toMatch(/api:1\s+ACTIVE\s+v1\.0\.0/);
    expect(frame).toContain('── Diff against what runs now (api:3 → api:2)');
    expect(frame).toMatch(/~ app image: .*api:v1\.2\.0 → .*api:v1\.1\.0/);
    // up from the newest earlier deployment stays there: what runs now cannot be picked
    await b.app.press('nav.up');
    await b.app.press('nav.down');
    const down = await b.app.waitFor((f) => f.includes('(api:3 → api:1)'));
    expect(down).toMatch(/› .*api:1\s+ACTIVE/);
    expect(b.calls('ecs', 'UpdateService')).toBe(0);
  });

  it('rolls back to the picked deployment: review, confirm, monitor, SUCCEEDED', async () => {
    const b = await openPicker();
    await b.app.waitFor((f) => f.includes('(api:3 → api:2)'));
    await keysLive(b.app, 'enter next');
    await b.app.press('wizard.next');
    let frame = flatten(await b.app.waitFor((f) => f.includes('Equivalent headless command')));
    expect(frame).toContain('Roll back api · to api:2 with a rolling deployment');
    expect(frame).toContain('Rolling update of api: api:3 → api:2');
    expect(frame).toContain('1. ECS UpdateService  prod/api taskDefinition=api:2');
    expect(frame).not.toContain('RegisterTaskDefinition');
    expect(frame).toMatch(
      /--task-definition arn:aws:ecs:us-east-1:123456789012:task-definition\/api:2/,
    );
    expect(frame).toContain('enter roll back');
    await b.app.press('wizard.next');
    frame = await b.app.waitFor((f) => f.includes('Roll back api to api:2'));
    await answerDialog(b.app, 'dialog.confirm');
    await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    frame = await followRollout(b, (f) => f.includes('SUCCEEDED'));
    expect(frame).toMatch(/PRIMARY\s+api:2\s+█+ 4\/4/);
    expect(b.calls('ecs', 'RegisterTaskDefinition')).toBe(0);
  });

  it('an INACTIVE revision is explained and registered again as a new revision', async () => {
    const b = await openPicker(async (bb) => {
      const td = resolveTaskDefinition(ecsScope(bb.sim.world, REGION).ecs, 'api:1')!;
      deregisterTaskDefinition(td, bb.sim.world.now);
      await Promise.resolve();
    });
    await b.app.waitFor((f) => f.includes('(api:3 → api:2)'));
    await keysLive(b.app, 'enter next');
    await b.app.press('nav.down');
    let frame = await b.app.waitFor((f) => f.includes('(api:3 → api:1)'));
    expect(frame).toMatch(/api:1\s+INACTIVE/);
    expect(frame).toContain(
      '! api:1 is INACTIVE: it was deregistered, so ECS cannot deploy it as is.',
    );
    await b.app.press('wizard.next');
    frame = flatten(await b.app.waitFor((f) => f.includes('Equivalent headless command')));
    expect(frame).toContain('api:3 → api:<new revision> (a copy of api:1)');
    expect(frame).toContain(
      '! revision usable: api:1 is INACTIVE: it will be registered again as a new revision',
    );
    expect(frame).toContain('1. ECS RegisterTaskDefinition  family api, from api:1');
    await b.app.press('wizard.next');
    await b.app.waitFor((f) => f.includes('Roll back api to api:1'));
    await answerDialog(b.app, 'dialog.confirm');
    frame = await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(frame).toMatch(/PRIMARY\s+api:4\s.*v1\.0\.0/);
    expect(b.calls('ecs', 'RegisterTaskDefinition')).toBe(1);
  });

  it('R on a rollout in progress rolls that rollout back through ECS, not the picker', async () => {
    const b = await openPicker(async (bb) => {
      await bb.gateway.ecs.updateService({
        cluster: 'prod',
        service: 'api',
        taskDefinition: 'api:1',
      });
    });
    const dialog = await b.app.waitFor((f) => f.includes('─ Roll back api '));
    expect(dialog).toContain('high risk');
    expect(dialog).toContain(
      'StopServiceDeployment arn:aws:ecs:us-east-1:123456789012:service-deploy',
    );
    await answerDialog(b.app, 'dialog.confirm');
    await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(b.calls('ecs', 'StopServiceDeployment')).toBe(1);
    const frame = await followRollout(b, (f) => f.includes('ROLLED BACK'));
    expect(frame).toContain('↩ ROLLED BACK');
    expect(b.calls('ecs', 'UpdateService')).toBe(1);
  });

  it('declining the in-flight rollback leaves a panel: enter asks again, w watches instead', async () => {
    const b = await openPicker(async (bb) => {
      await bb.gateway.ecs.updateService({
        cluster: 'prod',
        service: 'api',
        taskDefinition: 'api:1',
      });
    });
    await b.app.waitFor((f) => f.includes('─ Roll back api '));
    await answerDialog(b.app, 'dialog.cancel');
    const frame = await b.app.waitFor((f) => f.includes('api has a rollout in progress'));
    expect(frame).toContain('rather than');
    expect(frame).toContain('picking an earlier deployment');
    expect(frame).toContain('roll back cancelled; nothing was changed');
    await b.app.press('service.watch');
    await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(b.calls('ecs', 'StopServiceDeployment')).toBe(0);
  });
});
