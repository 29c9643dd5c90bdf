import { describe, expect, it } from 'vitest';
import { startWorld } from '../../tui/testing/browse-harness';
import { deployApp } from '../shared/testing/deploy-harness';
import { buildDeployWorld, type DeployWorld } from '../shared/testing/deploy-world';
import { answerDialog, followRollout, keysLive } from '../shared/testing/follow';

async function world() {
  let built: DeployWorld | undefined;
  const sim = await startWorld((w) => {
    built = buildDeployWorld(w);
  });
  return { sim, built: built! };
}

describe('rollout monitor on the simulator', () => {
  it('a crashing image: the breaker trips, ECS rolls back, the monitor says ROLLED BACK and why', async () => {
    const { sim } = await world();
    const b = await deployApp(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'deploy', cluster: 'prod', service: 'api' }],
    });
    const { app } = b;
    await app.waitFor((f) => f.includes('▸ ● Rolling update'));
    await keysLive(app, 'enter next');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('step 2 of 5'));
    await app.press('nav.next-tab', { times: 2 });
    await app.type(':v1.3.0-crash');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('step 3 of 5'));
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('enter deploy'));
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('Deploy api (rolling update)'));
    await answerDialog(app, 'dialog.confirm');
    await app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    // rolling back shows at once; it is final (and polled one last time) once ECS settled
    const frame = await followRollout(
      b,
      (f) => f.includes('ROLLED BACK') && f.includes('no longer polling'),
    );
    expect(frame).toMatch(/Rolling update · ↩ ROLLED BACK/);
    expect(frame).toMatch(/ROLLED BACK: .*circuit breaker/i);
    expect(frame).toMatch(/circuit breaker: [3-9] of 3 failed tasks/);
    expect(frame).toMatch(/\d+× .*Essential container in task exited/);
    expect(frame).not.toContain('SUCCEEDED');
  });

  it('w attaches to a rollout someone else started and follows it to SUCCEEDED', async () => {
    const { sim } = await world();
    const b = await deployApp(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'services', cluster: 'prod' }],
    });
    await b.gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' });
    await b.app.waitFor((f) => f.includes('1 service ·'));
    // the list describes the rows in view after a short debounce on the app's clock
    await b.app.advance(200);
    await b.app.waitFor((f) => /› api\s.*in progress/.test(f));
    await keysLive(b.app, 'w watch');
    await b.app.press('service.watch');
    let frame = await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(frame).toMatch(/PRIMARY\s+api:2/);
    expect(frame).toMatch(/ACTIVE\s+api:3/);
    frame = await followRollout(b, (f) => f.includes('SUCCEEDED'));
    expect(frame).toMatch(/PRIMARY\s+api:2\s+█+ 4\/4/);
    // only the test's own UpdateService: watching changes nothing
    expect(b.calls('ecs', 'UpdateService')).toBe(1);
  });

  it('when nothing runs it says so, with how the last deployment ended', async () => {
    const { sim } = await world();
    const b = await deployApp(sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'monitor', cluster: 'prod', service: 'api' }],
    });
    const frame = await b.app.waitFor((f) => f.includes('Nothing is deploying api now.'));
    expect(frame).toMatch(/Last deployment: ✓ SUCCEEDED — /);
    expect(frame).toMatch(/api:3 · finished \d+\w ago/);
  });
});
