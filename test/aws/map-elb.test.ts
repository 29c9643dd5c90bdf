import { describe, expect, it } from 'vitest';
import { mapAction, toSdkAction } from '../../src/aws/sdk/map-elb';

const BLUE = 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/blue/1';
const GREEN = 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/green/2';

describe('rule action write-back', () => {
  it('applies new weights and keeps stickiness and Order from the original', () => {
    const raw = {
      Type: 'forward' as const,
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE, Weight: 100 },
          { TargetGroupArn: GREEN, Weight: 0 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
      },
    };
    const action = mapAction(raw);
    expect(action.forward).toEqual({
      targetGroups: [
        { targetGroupArn: BLUE, weight: 100 },
        { targetGroupArn: GREEN, weight: 0 },
      ],
      stickiness: { enabled: true, durationSeconds: 600 },
    });
    const { stickiness: _dropped, ...withoutStickiness } = action.forward!;
    const out = toSdkAction({
      ...action,
      forward: {
        ...withoutStickiness,
        targetGroups: [
          { targetGroupArn: BLUE, weight: 50 },
          { targetGroupArn: GREEN, weight: 50 },
        ],
      },
    });
    expect(out).toEqual({
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE, Weight: 50 },
          { TargetGroupArn: GREEN, Weight: 50 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 600 },
      },
    });
  });

  it('drops TargetGroupArn when the forward gains a second group', () => {
    const action = mapAction({
      Type: 'forward',
      TargetGroupArn: BLUE,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: BLUE, Weight: 1 }] },
    });
    expect(action.targetGroupArn).toBe(BLUE);
    const out = toSdkAction({
      ...action,
      forward: {
        targetGroups: [
          { targetGroupArn: BLUE, weight: 90 },
          { targetGroupArn: GREEN, weight: 10 },
        ],
      },
    });
    expect(out).not.toHaveProperty('TargetGroupArn');
    expect(out.ForwardConfig?.TargetGroups).toHaveLength(2);
  });

  it('leaves a plain single-group forward and non-forward actions as AWS gave them', () => {
    const plain = { Type: 'forward' as const, TargetGroupArn: BLUE };
    expect(toSdkAction(mapAction(plain))).toEqual(plain);
    const oidc = {
      Type: 'authenticate-oidc' as const,
      Order: 1,
      AuthenticateOidcConfig: {
        Issuer: 'https://i',
        AuthorizationEndpoint: 'https://a',
        TokenEndpoint: 'https://t',
        UserInfoEndpoint: 'https://u',
        ClientId: 'c',
        Scope: 'openid',
      },
    };
    expect(toSdkAction(mapAction(oidc))).toEqual(oidc);
    const fixed = {
      Type: 'fixed-response' as const,
      FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' },
    };
    expect(toSdkAction(mapAction(fixed))).toEqual(fixed);
  });

  it('builds an action the caller made from scratch', () => {
    expect(
      toSdkAction({
        type: 'forward',
        forward: {
          targetGroups: [
            { targetGroupArn: BLUE, weight: 3 },
            { targetGroupArn: GREEN, weight: 1 },
          ],
        },
        raw: {},
      }),
    ).toEqual({
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE, Weight: 3 },
          { TargetGroupArn: GREEN, Weight: 1 },
        ],
      },
    });
    expect(toSdkAction({ type: 'forward', targetGroupArn: GREEN, raw: {} })).toEqual({
      Type: 'forward',
      TargetGroupArn: GREEN,
    });
  });

  it('does not change the action it was given', () => {
    const action = mapAction({
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: BLUE, Weight: 1 },
          { TargetGroupArn: GREEN, Weight: 1 },
        ],
      },
    });
    const before = structuredClone(action);
    toSdkAction({ ...action, forward: { targetGroups: [{ targetGroupArn: BLUE, weight: 0 }] } });
    expect(action).toEqual(before);
  });
});
