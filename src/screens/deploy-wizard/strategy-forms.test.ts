import { describe, expect, it } from 'vitest';
import { deployRequestOf } from './deploy-request';
import { deployWizard } from './deploy-steps';
import { NEXT, ctxFor, drive, set } from '../shared/testing/wizard-driver';
import { currentStep, startWizard, visibleFields } from './wizard-model';

describe('deploy wizard: other strategies plug in their settings step', () => {
  it('CodeDeploy: group found from the service unless named, the container and port prefilled', async () => {
    const { ctx } = ctxFor(
      {
        deploymentController: 'CODE_DEPLOY',
        loadBalancers: [{ targetGroupArn: 'tg/a', containerName: 'app', containerPort: 8080 }],
      },
      { supported: ['rolling', 'codedeploy'] },
    );
    let s = await drive(ctx, startWizard(deployWizard, ctx));
    expect(s.answers['strategy']).toBe('codedeploy');
    s = await drive(ctx, s, NEXT, set('image', ':v2'), NEXT);
    expect(s.stepId).toBe('settings');
    const ids = visibleFields(currentStep(deployWizard, s), s.answers, ctx).map((f) => f.id);
    expect(ids).toEqual([
      'codedeploy.deploymentConfig',
      'codedeploy.containerName',
      'codedeploy.containerPort',
      'codedeploy.application',
      'codedeploy.deploymentGroup',
      'codedeploy.hooks',
    ]);
    const bad = await drive(ctx, s, set('codedeploy.hooks', 'Install=fn'), NEXT);
    expect(bad.errors['codedeploy.hooks']).toMatch(/a hook is Event=function/);
    s = await drive(ctx, bad, set('codedeploy.hooks', 'AfterAllowTestTraffic=smoke'), NEXT);
    expect(s.stepId).toBe('review');
    expect(deployRequestOf(s.answers, ctx).settings).toEqual({
      deploymentConfig: 'group-default',
      containerName: 'app',
      containerPort: 8080,
      application: '',
      deploymentGroup: '',
      hooks: ['AfterAllowTestTraffic=smoke'],
    });
  });

  it('ALB canary: steps as a list, the 5xx margin shown only with the 5xx gate', async () => {
    const { ctx } = ctxFor(
      {},
      {
        supported: ['rolling', 'alb-canary'],
        pair: { stableService: 'api', canaryService: 'api-canary', ruleArn: 'rule/x' },
      },
    );
    let s = await drive(ctx, startWizard(deployWizard, ctx), set('strategy', 'alb-canary'), NEXT);
    s = await drive(ctx, s, set('image', ':v2'), NEXT);
    expect(s.answers['alb-canary.steps']).toBe('10, 25, 50, 100');
    const visible = () =>
      visibleFields(currentStep(deployWizard, s), s.answers, ctx).map((f) => f.id);
    expect(visible()).toContain('alb-canary.errorMarginPct');
    s = await drive(ctx, s, set('alb-canary.errorGate', false));
    expect(visible()).not.toContain('alb-canary.errorMarginPct');
    const bad = await drive(ctx, s, set('alb-canary.steps', '10, 5, 100'), NEXT);
    expect(bad.errors['alb-canary.steps']).toMatch(
      /steps must go up: step 2 \(5\) is not above step 1 \(10\)/,
    );
    s = await drive(ctx, bad, set('alb-canary.steps', '20, 100'), NEXT);
    expect(s.stepId).toBe('review');
    expect(deployRequestOf(s.answers, ctx).settings).toMatchObject({
      steps: ['20', '100'],
      errorGate: false,
      advance: 'auto',
    });
  });
});
