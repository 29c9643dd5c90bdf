import { describe, expect, it } from 'vitest';
import { deployRequestOf } from './deploy-request';
import { deployWizard } from './deploy-steps';
import { BACK, NEXT, ctxFor, drive, set } from '../shared/testing/wizard-driver';
import { atFirstStep, focusedField, reduceWizard } from './wizard-actions';
import { currentStep, startWizard, stepPosition, visibleFields } from './wizard-model';

describe('deploy wizard: step order and defaults', () => {
  it('starts on the strategy step with the service own strategy chosen, all six listed', async () => {
    const { ctx } = ctxFor();
    const s = await drive(ctx, startWizard(deployWizard, ctx));
    expect(s.stepId).toBe('strategy');
    expect(s.answers['strategy']).toBe('rolling');
    const loaded = s.options['strategy'];
    expect(loaded?.status).toBe('ready');
    const choices = loaded?.status === 'ready' ? loaded.choices : [];
    expect(choices.map((c) => c.value)).toEqual([
      'rolling',
      'blue-green',
      'linear',
      'canary',
      'codedeploy',
      'alb-canary',
    ]);
    expect(choices.find((c) => c.value === 'codedeploy')?.disabledReason).toMatch(
      /needs deployment controller CODE_DEPLOY/,
    );
    expect(choices.find((c) => c.value === 'rolling')?.disabledReason).toBeUndefined();
    expect(stepPosition(deployWizard, s, ctx)).toEqual({ index: 1, total: 5 });
  });

  it('disables a fitting strategy this build lacks with "not supported by this build"', async () => {
    const { ctx } = ctxFor({ deploymentController: 'CODE_DEPLOY' });
    const s = await drive(ctx, startWizard(deployWizard, ctx));
    const choices = s.options['strategy']?.status === 'ready' ? s.options['strategy'].choices : [];
    expect(choices.find((c) => c.value === 'codedeploy')?.disabledReason).toBe(
      'not supported by this build',
    );
    expect(choices.find((c) => c.value === 'rolling')?.disabledReason).toMatch(
      /deployed by CodeDeploy \(use CodeDeploy blue\/green\)/,
    );
    const blocked = await drive(ctx, s, NEXT);
    expect(blocked.stepId).toBe('strategy');
    expect(blocked.errors['strategy']).toMatch(/no strategy this build can run fits api/);
  });

  it('refuses a disabled strategy with its reason and stays', async () => {
    const { ctx } = ctxFor();
    const s = await drive(ctx, startWizard(deployWizard, ctx), set('strategy', 'codedeploy'), NEXT);
    expect(s.stepId).toBe('strategy');
    expect(s.errors['strategy']).toMatch(/^CodeDeploy blue\/green: .*CODE_DEPLOY/);
  });

  it('walks strategy -> target -> settings -> review -> confirm with AWS defaults prefilled', async () => {
    const { ctx } = ctxFor();
    let s = await drive(ctx, startWizard(deployWizard, ctx), NEXT);
    expect(s.stepId).toBe('target');
    expect(s.answers['targetKind']).toBe('image');
    expect(s.answers['container']).toBe('app');
    expect(s.answers['pinDigest']).toBe(true);
    s = await drive(ctx, s, set('image', ':v1.6.0'), NEXT);
    expect(s.stepId).toBe('settings');
    expect(s.answers['rolling.minimumHealthyPercent']).toBe('50');
    expect(s.answers['rolling.maximumPercent']).toBe('200');
    expect(s.answers['rolling.circuitBreaker']).toBe('rollback');
    expect(s.answers['rolling.alarms']).toBe('');
    s = await drive(ctx, s, NEXT);
    expect(s.stepId).toBe('review');
    s = await drive(ctx, s, NEXT);
    expect(s.stepId).toBe('confirm');
    expect(stepPosition(deployWizard, s, ctx)).toEqual({ index: 5, total: 5 });
    expect(deployRequestOf(s.answers, ctx)).toEqual({
      cluster: 'prod',
      service: 'api',
      strategy: 'rolling',
      target: { kind: 'image', images: [{ container: 'app', ref: ':v1.6.0' }], pinDigest: true },
      settings: {
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        circuitBreaker: 'rollback',
        alarms: [],
        alarmRollback: false,
      },
    });
  });
});

describe('deploy wizard: what to deploy', () => {
  it('lists the containers of the running revision and needs an image', async () => {
    const { ctx } = ctxFor();
    const s = await drive(ctx, startWizard(deployWizard, ctx), NEXT, NEXT);
    expect(s.stepId).toBe('target');
    expect(s.errors['image']).toMatch(/give a tag/);
    const containers = s.options['container'];
    expect(containers?.status === 'ready' && containers.choices.map((c) => c.label)).toEqual([
      'app',
      'xray',
    ]);
    // the focus moved to the field to fix
    expect(focusedField(deployWizard, ctx, s)?.id).toBe('image');
  });

  it('says what is wrong with a malformed reference', async () => {
    const { ctx } = ctxFor();
    const s = await drive(ctx, startWizard(deployWizard, ctx), NEXT, set('image', 'API:v2'), NEXT);
    expect(s.errors['image']).toMatch(/bad repository part "API"/);
    const digest = await drive(ctx, s, set('image', '@sha256:12'), NEXT);
    expect(digest.errors['image']).toMatch(/malformed digest/);
  });

  it('hides "pin the digest" when a digest is given, and skips it in the request', async () => {
    const { ctx } = ctxFor();
    const s = await drive(
      ctx,
      startWizard(deployWizard, ctx),
      NEXT,
      set('image', `@sha256:${'a'.repeat(64)}`),
    );
    const ids = visibleFields(currentStep(deployWizard, s), s.answers, ctx).map((f) => f.id);
    expect(ids).toEqual(['targetKind', 'container', 'image']);
  });

  it('opting out of pinning is carried to the request', async () => {
    const { ctx } = ctxFor();
    let s = await drive(ctx, startWizard(deployWizard, ctx), NEXT, set('image', ':v2'));
    s = await drive(ctx, s, { type: 'focus', delta: -1 }, { type: 'toggle' });
    expect(focusedField(deployWizard, ctx, s)?.id).toBe('pinDigest');
    expect(s.answers['pinDigest']).toBe(false);
    const request = deployRequestOf(s.answers, ctx);
    expect(request.target).toMatchObject({ kind: 'image', pinDigest: false });
  });

  it('an existing revision: lists the family, the running one disabled, and loads once', async () => {
    const { ctx, listed } = ctxFor();
    let s = await drive(ctx, startWizard(deployWizard, ctx), NEXT, { type: 'toggle' });
    expect(s.answers['targetKind']).toBe('revision');
    const ids = visibleFields(currentStep(deployWizard, s), s.answers, ctx).map((f) => f.id);
    expect(ids).toEqual(['targetKind', 'revision']);
    expect(listed).toEqual([{ familyPrefix: 'api', status: 'ACTIVE', sort: 'DESC', max: 25 }]);
    // the first choice that can be picked is preselected: not the running revision
    expect(s.answers['revision']).toMatch(/api:41$/);
    s = await drive(ctx, s, { type: 'focus', delta: 1 }, { type: 'move-choice', delta: -1 }, NEXT);
    expect(s.errors['revision']).toBe('api:42: the service runs it now');
    s = await drive(ctx, s, { type: 'move-choice', delta: 1 }, NEXT);
    expect(s.stepId).toBe('settings');
    expect(deployRequestOf(s.answers, ctx).target).toEqual({
      kind: 'revision',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:41',
    });
    expect(listed).toHaveLength(1);
  });
});

describe('deploy wizard: settings', () => {
  async function atSettings() {
    const { ctx } = ctxFor();
    const s = await drive(ctx, startWizard(deployWizard, ctx), NEXT, set('image', ':v2'), NEXT);
    expect(s.stepId).toBe('settings');
    return { ctx, s };
  }

  it('validates with the schema messages, on the right field', async () => {
    const { ctx, s } = await atSettings();
    const bad = await drive(
      ctx,
      s,
      set('rolling.maximumPercent', '250'),
      set('rolling.minimumHealthyPercent', 'x'),
      NEXT,
    );
    expect(bad.stepId).toBe('settings');
    expect(bad.errors).toEqual({
      'rolling.minimumHealthyPercent': 'minimum healthy percent must be a number',
      'rolling.maximumPercent': 'maximum percent must be at most 200',
    });
    expect(focusedField(deployWizard, ctx, bad)?.id).toBe('rolling.minimumHealthyPercent');
    const fixed = await drive(
      ctx,
      bad,
      set('rolling.minimumHealthyPercent', '100'),
      set('rolling.maximumPercent', '100'),
      NEXT,
    );
    expect(fixed.errors['rolling.maximumPercent']).toMatch(/leaves no room to start a new task/);
  });

  it('cycles the circuit breaker and shows alarm rollback only once alarms are named', async () => {
    const { ctx, s } = await atSettings();
    const ids = () => visibleFields(currentStep(deployWizard, s), s.answers, ctx).map((f) => f.id);
    expect(ids()).not.toContain('rolling.alarmRollback');
    let t = await drive(
      ctx,
      s,
      { type: 'focus', delta: 1 },
      { type: 'focus', delta: 1 },
      { type: 'toggle' },
    );
    expect(t.answers['rolling.circuitBreaker']).toBe('on');
    t = await drive(ctx, t, { type: 'toggle' }, { type: 'toggle' });
    expect(t.answers['rolling.circuitBreaker']).toBe('rollback');
    t = await drive(ctx, t, set('rolling.alarms', 'api-5xx, api-latency'), NEXT);
    expect(t.stepId).toBe('review');
    // shown once alarms were named, with its default (rollback on ALARM) filled in at once
    expect(t.answers['rolling.alarmRollback']).toBe(true);
    expect(deployRequestOf(t.answers, ctx).settings).toMatchObject({
      alarms: ['api-5xx', 'api-latency'],
      alarmRollback: true,
    });
  });
});

describe('deploy wizard: back', () => {
  it('goes back step by step keeping every answer, and says when it would leave', async () => {
    const { ctx } = ctxFor();
    let s = await drive(
      ctx,
      startWizard(deployWizard, ctx),
      NEXT,
      set('image', ':v2'),
      NEXT,
      set('rolling.maximumPercent', '150'),
      NEXT,
    );
    expect(s.stepId).toBe('review');
    s = await drive(ctx, s, BACK);
    expect(s.stepId).toBe('settings');
    expect(s.answers['rolling.maximumPercent']).toBe('150');
    s = await drive(ctx, s, BACK);
    expect(s.stepId).toBe('target');
    expect(s.answers['image']).toBe(':v2');
    s = await drive(ctx, s, BACK);
    expect(s.stepId).toBe('strategy');
    expect(atFirstStep(s)).toBe(true);
    expect(reduceWizard(deployWizard, ctx, s, BACK)).toBe(s);
    // and forward again without retyping anything
    s = await drive(ctx, s, NEXT, NEXT, NEXT);
    expect(s.stepId).toBe('review');
    expect(deployRequestOf(s.answers, ctx).settings).toMatchObject({ maximumPercent: 150 });
  });

  it('a preset wizard can start at a later step (the rollback picker starts at review)', () => {
    const { ctx } = ctxFor();
    const s = startWizard(
      deployWizard,
      ctx,
      { strategy: 'rolling', targetKind: 'revision' },
      'review',
    );
    expect(s.stepId).toBe('review');
    expect(atFirstStep(s)).toBe(true);
  });
});
