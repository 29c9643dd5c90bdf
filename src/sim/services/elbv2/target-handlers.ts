import { SimError } from '../../core/errors';
import { asList, reqString } from '../../core/input';
import type { RequestContext } from '../../core/types';
import { validationError } from './errors';
import { elbState, getTargetGroup } from './model';
import { effectiveHealth, keyOf, NOT_REGISTERED } from './target-health';
import { deregisterTarget, registerTarget, type TargetRef } from './targets';
import type { TargetGroupRec } from './state';
import { intMember, isObj, type Obj } from './wire-members';

// RegisterTargets, DeregisterTargets, DescribeTargetHealth: thin wrappers over targets.ts.

const MAX_TARGETS_PER_GROUP = 1000;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function readTargets(value: unknown, tg: TargetGroupRec, required: boolean): TargetRef[] {
  const items = asList<unknown>(value);
  if (required && items.length === 0)
    throw validationError('Targets must contain at least one target');
  return items.map((item, i) => {
    const t = isObj(item) ? item : {};
    const id = t['Id'];
    if (typeof id !== 'string' || id === '')
      throw validationError(`targets.${i + 1}.member.id is required`);
    if (tg.targetType === 'ip' && !IPV4.test(id)) {
      throw new SimError(
        'InvalidTarget',
        `The IP address '${id}' is not a valid IPv4 address; ip target groups take IP addresses`,
      );
    }
    const port =
      t['Port'] === undefined || t['Port'] === ''
        ? tg.port
        : intMember(t['Port'], `targets.${i + 1}.member.port`, 1, 65535);
    const az =
      typeof t['AvailabilityZone'] === 'string' && t['AvailabilityZone'] !== ''
        ? t['AvailabilityZone']
        : undefined;
    return { id, port, ...(az ? { availabilityZone: az } : {}) };
  });
}

export function registerTargets(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const tg = getTargetGroup(state, reqString(input, 'TargetGroupArn'));
  const targets = readTargets(input['Targets'], tg, true);
  const fresh = targets.filter((t) => !tg.targets.has(keyOf(t.id, t.port!)));
  if (tg.targets.size + fresh.length > MAX_TARGETS_PER_GROUP) {
    throw new SimError(
      'TooManyTargets',
      `You've reached the limit of ${MAX_TARGETS_PER_GROUP} targets per target group`,
    );
  }
  for (const t of targets) {
    const probe = state.probeResolver?.(tg.arn, t.id, t.port!);
    registerTarget(ctx.world, ctx.region, tg.arn, t, probe);
  }
  return {};
}

export function deregisterTargets(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const tg = getTargetGroup(state, reqString(input, 'TargetGroupArn'));
  for (const t of readTargets(input['Targets'], tg, true))
    deregisterTarget(ctx.world, ctx.region, tg.arn, t);
  return {};
}

export function describeTargetHealth(input: Obj, ctx: RequestContext): unknown {
  const state = elbState(ctx.world, ctx.region);
  const tg = getTargetGroup(state, reqString(input, 'TargetGroupArn'));
  const asked = readTargets(input['Targets'], tg, false);
  const rows =
    asked.length > 0
      ? asked.map((t) => {
          const rec = tg.targets.get(keyOf(t.id, t.port!));
          return {
            target: rec ?? t,
            health: rec ? effectiveHealth(state, tg, rec) : NOT_REGISTERED,
          };
        })
      : [...tg.targets.values()].map((rec) => ({
          target: rec,
          health: effectiveHealth(state, tg, rec),
        }));
  return {
    TargetHealthDescriptions: rows.map(({ target, health }) => ({
      Target: {
        Id: target.id,
        Port: target.port,
        ...(target.availabilityZone ? { AvailabilityZone: target.availabilityZone } : {}),
      },
      HealthCheckPort:
        tg.healthCheck.port === 'traffic-port' ? String(target.port) : tg.healthCheck.port,
      TargetHealth: {
        State: health.state,
        ...(health.reason ? { Reason: health.reason } : {}),
        ...(health.description ? { Description: health.description } : {}),
      },
    })),
  };
}
