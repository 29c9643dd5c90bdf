import { Option, type Command } from 'commander';
import { parseImageRef } from '../deploy/image-ref';
import type { DeployTarget, StrategyId } from '../deploy/types';
import { ExpectedError } from '../errors';
import { UsageError } from './errors';
import { withDefault } from './global-options';
import { addStrategyFlags, checkStrategyFlagSyntax } from './strategy-flags';
import type { WaitUntil } from './wait';

export const STRATEGY_IDS: readonly StrategyId[] = [
  'rolling',
  'blue-green',
  'linear',
  'canary',
  'codedeploy',
  'alb-canary',
];

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** What to deploy and how: shared by `deploy` and `plan`. */
export function addTargetFlags(cmd: Command): Command {
  cmd
    .addOption(
      new Option(
        '--image <[CONTAINER=]REF>',
        withDefault(
          'new image for a container, repeatable; REF may be a full reference, :tag or @sha256:digest (keeps the repository)',
          'none; give --image or --task-definition',
        ),
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--task-definition <family:revision|arn>',
        withDefault('deploy an existing task definition revision instead of new images', 'none'),
      ),
    )
    .addOption(
      new Option(
        '--strategy <name>',
        withDefault(
          'how to deploy',
          'the one the service is set up for (rolling for an ECS ROLLING service)',
        ),
      ).choices(STRATEGY_IDS),
    )
    .addOption(
      new Option(
        '--pin-digest',
        withDefault('register ECR images by digest, resolved from the tag now', 'on'),
      ),
    )
    .addOption(new Option('--no-pin-digest', 'register the tag as given (mutable)'));
  return addStrategyFlags(cmd);
}

export function addWaitFlags(cmd: Command, defaultWait: boolean): Command {
  return cmd
    .addOption(
      new Option(
        '--wait',
        withDefault(
          'wait for the rollout to finish and exit by its outcome',
          defaultWait ? 'on' : 'off',
        ),
      ),
    )
    .addOption(
      new Option(
        '--no-wait',
        'return once the change is accepted (exit 0 = started, not succeeded)',
      ),
    )
    .addOption(
      new Option(
        '--wait-until <point>',
        withDefault(
          'stable: final outcome and the service settled (a rollback finished); deployed: final outcome; paused: also return (exit 5) at the first pause',
          'stable',
        ),
      ).choices(['stable', 'deployed', 'paused']),
    );
}

export function addConfirmServiceFlag(cmd: Command): Command {
  return cmd.addOption(
    new Option(
      '--confirm-service <name>',
      withDefault(
        'confirms a protected service (tag ecs-rollout:protected=true) when not asked at a terminal',
        'none',
      ),
    ),
  );
}

export function readWait(cmd: Command, defaultWait: boolean): { wait: boolean; until: WaitUntil } {
  const o = cmd.opts<{ wait?: boolean; waitUntil?: WaitUntil }>();
  return { wait: o.wait ?? defaultWait, until: o.waitUntil ?? 'stable' };
}

/** `--image` / `--task-definition` as the engine's target; malformed references are exit 2. */
export function readTarget(cmd: Command): DeployTarget | undefined {
  const o = cmd.opts<{ image?: string[]; taskDefinition?: string; pinDigest?: boolean }>();
  const images = o.image ?? [];
  if (images.length > 0 && o.taskDefinition)
    throw new UsageError(
      'give --image or --task-definition, not both',
      'new images register a new revision; --task-definition deploys one that exists',
    );
  if (o.taskDefinition) {
    if (o.pinDigest !== undefined)
      throw new UsageError(
        '--pin-digest and --no-pin-digest apply to --image only',
        'leave them out with --task-definition',
      );
    checkStrategyFlagSyntax(cmd);
    return { kind: 'revision', taskDefinition: o.taskDefinition };
  }
  checkStrategyFlagSyntax(cmd);
  if (images.length === 0) return undefined;
  const seen = new Set<string>();
  const parsed = images.map((text) => {
    const { container, ref } = splitImageFlag(text);
    const key = container ?? '';
    if (seen.has(key))
      throw new UsageError(
        container
          ? `--image names container "${container}" twice`
          : 'more than one --image without a container name',
        'give each container once, as CONTAINER=REF',
      );
    seen.add(key);
    return { ...(container ? { container } : {}), ref };
  });
  return { kind: 'image', images: parsed, pinDigest: o.pinDigest ?? true };
}

/** `app=repo:tag` → container `app`; a bare reference has none. Checks the reference's syntax. */
export function splitImageFlag(text: string): { container?: string; ref: string } {
  const eq = text.indexOf('=');
  const container = eq >= 0 ? text.slice(0, eq) : undefined;
  const ref = eq >= 0 ? text.slice(eq + 1) : text;
  if (container !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(container))
    throw new UsageError(
      `--image "${text}": "${container}" is not a container name`,
      'use CONTAINER=REF, e.g. --image app=:v2.15.0',
    );
  try {
    // :tag and @digest keep the running repository; check their syntax against a stand-in
    parseImageRef(ref.startsWith(':') || ref.startsWith('@') ? `x${ref}` : ref);
  } catch (error) {
    const hint = error instanceof ExpectedError ? error.hint : undefined;
    throw new UsageError(
      `--image "${text}": ${error instanceof Error ? error.message : String(error)}`,
      hint,
    );
  }
  return { ...(container !== undefined ? { container } : {}), ref };
}
