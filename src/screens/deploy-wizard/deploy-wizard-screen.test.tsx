import { describe, expect, it } from 'vitest';
import { canaryWorld } from '../../../test/deploy/alb-canary-world';
import { onCleanup, startWorld, type Browse } from '../../tui/testing/browse-harness';
import { deployApp } from '../shared/testing/deploy-harness';
import { buildDeployWorld, type DeployWorld } from '../shared/testing/deploy-world';
import { answerDialog, flatten, followRollout, keysLive } from '../shared/testing/follow';

const SERVICES = [{ kind: 'clusters' as const }, { kind: 'services' as const, cluster: 'prod' }];

async function openWizard(
  opts: Parameters<typeof buildDeployWorld>[1] = {},
  prepare?: (b: Browse) => Promise<unknown>,
) {
  let world: DeployWorld | undefined;
  const sim = await startWorld((w) => {
    world = buildDeployWorld(w, opts);
  });
  const b = await deployApp(sim, { initialStack: SERVICES });
  await b.app.waitFor((f) => /› api\s/.test(f));
  await prepare?.(b);
  await b.app.press('service.deploy');
  if (!prepare) {
    await b.app.waitFor((f) => f.includes('step 1 of 5') && f.includes('▸ ● Rolling update'));
    await keysLive(b.app, 'enter next');
  }
  return { ...b, world: world! };
}

/** From the strategy step to the review with `image` for the app container. */
async function toReview(b: Browse, image: string) {
  await b.app.press('wizard.next');
  await b.app.waitFor((f) => f.includes('step 2 of 5'));
  await b.app.press('nav.next-tab', { times: 2 });
  await b.app.type(image);
  await b.app.press('wizard.next');
  await b.app.waitFor((f) => f.includes('step 3 of 5'));
  await b.app.press('wizard.next');
  return b.app.waitFor((f) => f.includes('API calls, in order') || f.includes('✕'));
}

describe('deploy wizard screen', () => {
  it('lists every strategy, the ones that cannot deploy this service dimmed with why', async () => {
    const { app } = await openWizard();
    const frame = app.frame();
    expect(frame).toContain('Deploy api · prod · step 1 of 5 · Strategy');
    expect(frame).toContain('▸ ● Rolling update');
    expect(frame).toContain(
      'CodeDeploy blue/green — CodeDeploy blue/green needs deployment controller CODE_DEPLOY (this service uses ECS)',
    );
    expect(frame).toContain('ECS blue/green — ECS blue/green needs an alternate target group');
    expect(frame.split('\n')[1]).toMatch(/prod › deploy api/);
  });

  it('walks every step, reviews, deploys and hands the rollout to the monitor: SUCCEEDED', async () => {
    const b = await openWizard();
    const { app, calls } = b;
    await app.press('wizard.next');
    let frame = await app.waitFor((f) => f.includes('step 2 of 5 · What to deploy'));
    expect(frame).toContain('‹ a new image for one container ›');
    expect(frame).toContain('● app — runs v1.2.0');
    await app.press('nav.next-tab', { times: 2 });
    await app.type(':v1.3.0');
    await app.press('wizard.next');
    frame = await app.waitFor((f) => f.includes('step 3 of 5 · Settings'));
    expect(frame).toMatch(/Minimum healthy percent\s+100/);
    expect(frame).toMatch(/Maximum percent\s+200/);
    expect(frame).toMatch(/Circuit breaker\s+‹ on, roll back ›/);
    await app.press('wizard.next');
    frame = flatten(await app.waitFor((f) => f.includes('Equivalent headless command')));
    expect(frame).toContain('step 4 of 5 · Review');
    expect(frame).toMatch(/Rolling update of api: api:3 → api:<new revision>/);
    expect(frame).toMatch(/app: v1\.2\.0 → v1\.3\.0 @sha256:[0-9a-f]{8} \(registered by digest\)/);
    expect(frame).toMatch(/~ app image: .*api:v1\.2\.0 → .*api@sha256:[0-9a-f ]+/);
    expect(frame).toContain('✓ nothing else in progress: no deployment is running');
    expect(frame).toContain(
      '✓ circuit breaker on: on, with rollback to the last completed deployment',
    );
    expect(frame).toContain('! alarms set: no CloudWatch alarms watch this deployment');
    expect(frame).toMatch(/✓ image exists \(app\): .*api@sha256:[0-9a-f ]+ found in ECR/);
    expect(frame).toContain('1. ECS RegisterTaskDefinition  family api, from api:3');
    expect(frame).toMatch(
      /2\. ECS UpdateService {2}prod\/api taskDefinition=api:<new revision> min=100% max=200% circuitBreaker=rollback/,
    );
    expect(frame).toMatch(
      /ecs-rollout deploy --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+ --cluster prod --service api --strategy rolling --image app=:v1\.3\.0/,
    );
    expect(frame).toContain('enter deploy');
    // nothing changed yet
    expect(calls('ecs', 'RegisterTaskDefinition')).toBe(0);
    await app.press('wizard.next');
    frame = await app.waitFor((f) => f.includes('Deploy api (rolling update)'));
    expect(frame).toMatch(/ECS UpdateService: prod\/api/);
    await answerDialog(app, 'dialog.confirm');
    frame = await app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(frame.split('\n')[1]).toMatch(/prod › rollout of api/);
    expect(frame).toMatch(/Rolling update · .* IN PROGRESS/);
    expect(frame).toMatch(/PRIMARY\s+api:4/);
    expect(calls('ecs', 'RegisterTaskDefinition')).toBe(1);
    expect(calls('ecs', 'UpdateService')).toBe(1);
    frame = await followRollout(b, (f) => f.includes('SUCCEEDED'));
    expect(frame).toContain('✓ SUCCEEDED');
    expect(frame).toMatch(/PRIMARY\s+api:4\s+█+ 4\/4/);
  });

  it('a tag that is not in ECR fails the image check and blocks confirm, saying why', async () => {
    const b = await openWizard();
    const frame = flatten(await toReview(b, ':v9.9.9'));
    expect(frame).toMatch(/✕ image exists \(app\): /);
    expect(frame).toMatch(/✕ cannot deploy: image exists \(app\)/);
    await b.app.press('wizard.next');
    await b.app.waitFor((f) => f.includes('next: cannot deploy'));
    expect(b.calls('ecs', 'RegisterTaskDefinition')).toBe(0);
    expect(b.calls('ecs', 'UpdateService')).toBe(0);
  });

  it('validates on the step: a malformed image, settings out of range; esc goes back keeping answers', async () => {
    const { app } = await openWizard();
    await app.press('wizard.next');
    await app.press('nav.next-tab', { times: 2 });
    await app.type('API:v2');
    await app.press('wizard.next');
    await app.waitFor((f) =>
      f.includes('✕ "API:v2" is not a valid image reference (bad repository part "API")'),
    );
    for (let i = 0; i < 6; i++) await app.write('\x7f');
    await app.type(':v1.3.0');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('step 3 of 5'));
    await app.press('nav.next-tab');
    for (let i = 0; i < 3; i++) await app.write('\x7f');
    await app.type('250');
    await app.press('wizard.next');
    await app.waitFor((f) => f.includes('✕ maximum percent must be at most 200'));
    await app.press('wizard.back');
    let frame = await app.waitFor((f) => f.includes('step 2 of 5'));
    expect(frame).toMatch(/Image\s+:v1\.3\.0/);
    await app.press('wizard.next');
    frame = await app.waitFor((f) => f.includes('step 3 of 5'));
    expect(frame).toMatch(/Maximum percent\s+250/);
  });

  it('a protected service needs its name typed to confirm', async () => {
    const b = await openWizard({ tags: [{ key: 'ecs-rollout:protected', value: 'true' }] });
    await toReview(b, ':v1.3.0');
    await b.app.press('wizard.next');
    await b.app.waitFor((f) => f.includes('type api to deploy'));
    await answerDialog(b.app, 'dialog.confirm');
    await b.app.waitFor((f) => f.includes('confirm: type api first'));
    await b.app.type('api');
    await answerDialog(b.app, 'dialog.confirm');
    await b.app.waitFor((f) => f.includes('rollout of api'));
    expect(b.calls('ecs', 'UpdateService')).toBe(1);
  });

  it('UpdateService failing after the register says what exists and that the service is unchanged', async () => {
    const b = await openWizard();
    await toReview(b, ':v1.3.0');
    b.sim.faults.add({ kind: 'access-denied', service: 'ecs', operation: 'UpdateService' });
    await b.app.press('wizard.next');
    await b.app.waitFor((f) => f.includes('Deploy api (rolling update)'));
    await answerDialog(b.app, 'dialog.confirm');
    const frame = await b.app.waitFor((f) => f.includes('UpdateService failed'));
    expect(frame).toContain('✓ registered api:4');
    expect(frame).toMatch(
      /registered api:4, but UpdateService failed: .*The service was not changed and still\s+runs api:3/s,
    );
    expect(frame).toContain('esc goes back to the review');
  });

  it('a service mid-deployment is said at once, with the offer to watch it instead', async () => {
    const b = await openWizard({}, (bb) =>
      bb.gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' }),
    );
    const frame = await b.app.waitFor((f) => f.includes('api is being deployed already'));
    expect(frame).toMatch(/deployment ecs-svc\/\d+ is IN_PROGRESS\./);
    expect(frame).toMatch(/› {3}watch it in the monitor/);
    expect(frame).toContain('go on to the wizard');
    expect(frame).toContain('enter pick · esc cancel');
    await answerDialog(b.app, 'dialog.confirm');
    await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
  });

  it('cancelling the notice cancels: back on the screen d was pressed on, nothing started', async () => {
    const sim = await startWorld((w) => {
      buildDeployWorld(w, {});
    });
    const b = await deployApp(sim, {
      initialStack: [...SERVICES, { kind: 'service', cluster: 'prod', service: 'api' }],
    });
    await b.gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' });
    await b.app.waitFor((f) => f.includes('newest 4 service deployments'));
    await keysLive(b.app, 'd deploy');
    await b.app.press('service.deploy');
    await b.app.waitFor((f) => f.includes('api is being deployed already'));
    await answerDialog(b.app, 'dialog.cancel');
    const frame = await b.app.waitFor((f) => !f.includes('being deployed already'));
    expect(frame.split('\n')[1]).toMatch(/prod › api\s*$/);
    expect(frame).not.toContain('step 1 of 5');
    // n cancels too
    await b.app.press('service.deploy');
    await b.app.waitFor((f) => f.includes('api is being deployed already'));
    await keysLive(b.app, 'esc cancel');
    await b.app.press('dialog.cancel', { key: 1 });
    await b.app.waitFor((f) => !f.includes('being deployed already'));
    expect(b.app.frame().split('\n')[1]).toMatch(/prod › api\s*$/);
    expect(b.calls('ecs', 'RegisterTaskDefinition')).toBe(0);
  });

  it('going on to the wizard anyway: the review blocks with the offer to watch', async () => {
    const b = await openWizard({}, (bb) =>
      bb.gateway.ecs.updateService({ cluster: 'prod', service: 'api', taskDefinition: 'api:2' }),
    );
    await b.app.waitFor((f) => f.includes('api is being deployed already'));
    await b.app.press('nav.down');
    await b.app.waitFor((f) => /› {3}go on to the wizard/.test(f));
    await b.app.press('dialog.confirm');
    await b.app.waitFor(
      (f) => f.includes('! deployment ecs-svc/') && f.includes('▸ ● Rolling update'),
    );
    const frame = flatten(await toReview(b, ':v1.3.0'));
    expect(frame).toMatch(/✕ nothing else in progress: deployment ecs-svc\/\d+ is IN_PROGRESS/);
    expect(frame).toContain('press w to watch the deployment in progress');
    await b.app.press('service.watch');
    await b.app.waitFor((f) => f.includes('rollout of api') && f.includes('PRIMARY'));
    expect(b.calls('ecs', 'RegisterTaskDefinition')).toBe(0);
  });

  it('a service with a canary partner on a weighted rule can take the ALB canary', async () => {
    const world = await canaryWorld();
    onCleanup(() => world.close());
    const b = await deployApp(world.sim, {
      initialStack: [{ kind: 'clusters' }, { kind: 'deploy', cluster: 'prod', service: 'orders' }],
    });
    const frame = await b.app.waitFor((f) => f.includes('▸ ● Rolling update'));
    expect(frame).toMatch(/○ ALB weighted canary\s*│/);
    expect(frame).not.toContain('ALB canary needs a second service');
  });
});
