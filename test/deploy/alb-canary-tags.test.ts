import { describe, expect, it } from 'vitest';
import type { PlanState } from '../../src/deploy/alb-canary/state';
import {
  decodeNameList,
  encodeNameList,
  escapeTagText,
  fitTagText,
  unescapeTagText,
} from '../../src/deploy/alb-canary/tag-text';
import { changedTags, decodePlan, encodePlan, TAG_PREFIX } from '../../src/deploy/alb-canary/tags';

const ELB_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const state = (over: Partial<PlanState> = {}): PlanState => ({
  id: 'orders-canary-abc',
  cluster: 'prod',
  stableService: 'orders',
  canaryService: 'orders-canary',
  steps: [10, 25, 50, 100],
  bakeMinutes: 5,
  advance: 'auto',
  prepareTimeoutMinutes: 30,
  gates: {
    health: true,
    alarms: ['orders-5xx', 'p99 latency (ms)'],
    errors: true,
    errorMarginPct: 0.5,
    minRequests: 50,
  },
  stepIndex: 1,
  stepStartedAt: new Date('2026-01-02T03:04:05.000Z'),
  startedAt: new Date('2026-01-02T03:00:00.000Z'),
  startedBy: 'arn:aws:sts::123456789012:assumed-role/Deployer/ci,job=7',
  status: 'running',
  newRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7',
  previousCanaryRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6',
  previousStableRevision: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6',
  deploymentId: 'ecs-svc/1234567890123456789',
  lastWritten: { stable: 75, canary: 25 },
  lastTick: new Date('2026-01-02T03:05:00.000Z'),
  note: 'gate "canary 5xx rate" failed: canary 31% of 120 vs stable 0.1% (margin 1 pp)',
  ...over,
});

describe('plan state as rule tags', () => {
  it('round-trips every field, in values ELBv2 accepts (≤ 256 chars, allowed characters)', () => {
    const tags = encodePlan(state());
    for (const [k, v] of Object.entries(tags)) {
      expect(k.startsWith(TAG_PREFIX)).toBe(true);
      expect(k.length).toBeLessThanOrEqual(128);
      expect(v.length).toBeLessThanOrEqual(256);
      expect(v).toMatch(ELB_TAG_VALUE);
    }
    expect(Object.keys(tags)).toHaveLength(20);
    expect(tags[`${TAG_PREFIX}status`]).toBe('running');
    expect(tags[`${TAG_PREFIX}w`]).toBe('75/25');
    expect(tags[`${TAG_PREFIX}plan`]).toBe(
      'steps=10/25/50/100 bake=5 advance=auto health=on errors=0.5/50 prepare=30',
    );
    const back = decodePlan(tags);
    expect(back).toEqual({ kind: 'plan', state: state() });
  });

  it.each<Partial<PlanState>>([
    { status: 'paused', pause: { reason: 'conflict', from: 'promoting' } },
    { status: 'promoting', phase: 'stable-wait' },
    { status: 'rolling-back', trigger: 'gate', revertStable: true },
    { status: 'rolled-back', trigger: 'timeout', finishedAt: new Date('2026-01-02T04:00:00.000Z') },
    {
      status: 'preparing',
      stepIndex: -1,
      gates: { health: false, alarms: [], errors: false, errorMarginPct: 0, minRequests: 0 },
    },
  ])('round-trips status %j', (over) => {
    const s = state(over);
    const back = decodePlan(encodePlan(s));
    expect(back.kind).toBe('plan');
    if (back.kind !== 'plan') return;
    expect(back.state.status).toBe(s.status);
    expect(back.state.pause).toEqual(s.pause);
    expect(back.state.phase).toEqual(s.phase);
    expect(back.state.stepIndex).toBe(s.stepIndex);
    expect(back.state.gates).toEqual(s.gates);
  });

  it('says so for tags it cannot read, instead of guessing', () => {
    const tags = encodePlan(state());
    expect(decodePlan({})).toEqual({ kind: 'none' });
    expect(decodePlan({ ...tags, [`${TAG_PREFIX}w`]: 'lots' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/tag ecs-rollout:canary:w is "lots"/) as string,
    });
    expect(decodePlan({ ...tags, [`${TAG_PREFIX}v`]: '9' })).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/format 9/) as string,
    });
    expect(decodePlan({ ...tags, [`${TAG_PREFIX}status`]: 'dancing' }).kind).toBe('unreadable');
    expect(decodePlan({ ...tags, [`${TAG_PREFIX}step`]: '4' }).kind).toBe('unreadable');
  });

  it('sends only the tags that changed', () => {
    const before = encodePlan(state());
    const after = encodePlan(state({ stepIndex: 2, lastWritten: { stable: 50, canary: 50 } }));
    expect(Object.keys(changedTags(before, after)).sort()).toEqual([
      `${TAG_PREFIX}step`,
      `${TAG_PREFIX}w`,
    ]);
  });
});

describe('tag text', () => {
  it('escapes what ELBv2 refuses and gets it back', () => {
    const text = 'canary 31% (of 120), "bad" = worse; ünïcode ok';
    const escaped = escapeTagText(text);
    expect(escaped).toMatch(ELB_TAG_VALUE);
    expect(unescapeTagText(escaped)).toBe(text);
  });

  it('shortens long text to fit a tag value', () => {
    const fitted = fitTagText('x,'.repeat(400));
    expect(fitted.length).toBeLessThanOrEqual(256);
    expect(unescapeTagText(fitted).endsWith('…')).toBe(true);
  });

  it('keeps alarm names with spaces apart, and refuses a list too long for one tag', () => {
    const names = ['orders 5xx', 'p99=high'];
    expect(decodeNameList(encodeNameList(names))).toEqual(names);
    expect(
      encodeNameList(Array.from({ length: 10 }, (_, i) => `alarm-${i}-${'x'.repeat(30)}`)),
    ).toBe(undefined);
  });
});
