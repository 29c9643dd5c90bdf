/**
 * What the deploy, monitor and rollback screens share for one AWS account + Region. The TUI
 * container hands the same session the browsing screens get (any object with these fields:
 * the browse session fits as is); the kit adds the pieces only these three screens use.
 */
import type { AwsGateway } from '../../aws/gateway';
import type { RolloutController } from '../../deploy/types';
import type { PollHub } from '../../state/poll-hub';

export interface DeploySession {
  readonly gateway: AwsGateway;
  /** Every poller is made here, so the monitor counts against the client's call budget. */
  readonly hub: PollHub;
  /** Epoch ms of the world the app looks at (AWS: real time; --demo: the simulator's clock). */
  readonly now: () => number;
  readonly readOnly: boolean;
}

/**
 * A controller handed from the screen that started (or attached to) a rollout to the monitor
 * that replaces it: router descriptors are plain data, a controller is not.
 */
export class RolloutHandoff {
  private readonly waiting = new Map<string, RolloutController>();

  give(cluster: string, service: string, controller: RolloutController): void {
    this.waiting.set(`${cluster}/${service}`, controller);
  }

  /** The controller left for this service, once: a second monitor attaches on its own. */
  take(cluster: string, service: string): RolloutController | undefined {
    const key = `${cluster}/${service}`;
    const controller = this.waiting.get(key);
    this.waiting.delete(key);
    return controller;
  }
}

/**
 * Rollouts this client drives (ALB canary) that the person left running: they keep polling
 * (which advances the plan) until final, and a monitor opened again picks them up.
 */
export class BackgroundRollouts {
  private readonly running = new Map<string, { stop: () => void; controller: RolloutController }>();

  keep(cluster: string, service: string, controller: RolloutController, stop: () => void): void {
    this.running.get(`${cluster}/${service}`)?.stop();
    this.running.set(`${cluster}/${service}`, { controller, stop });
  }

  /** Takes a background rollout back into a monitor (which then drives it). */
  resume(cluster: string, service: string): RolloutController | undefined {
    const key = `${cluster}/${service}`;
    const entry = this.running.get(key);
    if (!entry) return undefined;
    this.running.delete(key);
    entry.stop();
    return entry.controller;
  }

  /** Called by a background rollout when it reached its end. */
  finished(cluster: string, service: string, controller: RolloutController): void {
    const key = `${cluster}/${service}`;
    if (this.running.get(key)?.controller === controller) this.running.delete(key);
  }
}

export interface DeployKit {
  readonly session: DeploySession;
  readonly handoff: RolloutHandoff;
  readonly background: BackgroundRollouts;
  /** The world's time as a Date, for the engine's `now`. */
  readonly nowDate: () => Date;
  /** Who is deploying (the STS caller ARN), asked once; undefined when STS would not say. */
  readonly startedBy: () => Promise<string | undefined>;
  /** `--profile` / `--region` for the equivalent command line. */
  readonly commandScope: () => { profile?: string; region?: string; endpointUrl?: string };
}

export function createDeployKit(session: DeploySession): DeployKit {
  const handoff = new RolloutHandoff();
  const background = new BackgroundRollouts();
  let identity: Promise<string | undefined> | undefined;
  return {
    session,
    handoff,
    background,
    nowDate: () => new Date(session.now()),
    startedBy() {
      identity ??= session.gateway.sts.getCallerIdentity().then(
        (who) => who.arn,
        // "started by" is a courtesy on the monitor, never a reason to stop a deployment
        () => undefined,
      );
      return identity;
    },
    commandScope() {
      const { profile, region, endpointUrl } = session.gateway.context;
      return {
        ...(profile ? { profile } : {}),
        ...(region ? { region } : {}),
        ...(endpointUrl ? { endpointUrl } : {}),
      };
    },
  };
}
