/**
 * From options to a live connection: the Region (flag, environment, profile), the gateway (the
 * SDK loads here, after the first frame), its poll hub, the identity store and the browsing
 * session. A Region that cannot be resolved ends in a report for the no-credentials screen.
 */
import { createGateway, resolveRegion, type ClosableAwsGateway, type GatewayOptions } from '../aws';
import { inFlight } from '../app/in-flight';
import { installAuditLog } from '../audit/audit-recorder';
import { ExpectedError } from '../errors';
import { sharedPollHub, type PollHub } from '../state/poll-hub';
import { IdentityStore } from '../state/stores/identity';
import type { TimeSource } from '../state/time';
import type { TuiOptions } from './options';
import { createBrowseSession, type BrowseSession } from './session';

export interface Target {
  profile?: string | undefined;
  region?: string | undefined;
}

export interface Connection {
  readonly profile: string | undefined;
  readonly region: string;
  readonly gateway: ClosableAwsGateway;
  readonly hub: PollHub;
  readonly identity: IdentityStore;
  readonly session: BrowseSession;
  dispose(): void;
}

export type ConnectResult =
  { kind: 'ready'; connection: Connection } | { kind: 'no-region'; error: unknown };

export interface ConnectDeps {
  /** The pollers' clock (tests drive it by hand); default real time. */
  time?: TimeSource | undefined;
  /** Gateway settings beyond what the options say (tests: `maxAttempts: 1`). */
  gateway?: Partial<Pick<GatewayOptions, 'maxAttempts' | 'requestTimeoutMs'>> | undefined;
}

export async function connect(
  options: TuiOptions,
  target: Target,
  deps: ConnectDeps = {},
): Promise<ConnectResult> {
  let region = target.region;
  if (!region) {
    try {
      region = (await resolveRegion({ ...(target.profile ? { profile: target.profile } : {}) }))
        .region;
    } catch (error) {
      if (error instanceof ExpectedError) return { kind: 'no-region', error };
      throw error;
    }
  }
  const gateway = await createGateway({
    region,
    readOnly: options.readOnly,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...deps.gateway,
  });
  // every change made from the app goes to the local audit log (`:audit` shows it)
  const audit = installAuditLog(gateway, { via: 'tui' });
  // and what it changed is said after the screen is restored, however the app ends
  const untrack = inFlight.track(gateway, {
    flags: [
      target.profile ? ` --profile ${target.profile}` : '',
      ` --region ${region}`,
      options.endpointUrl && !options.simulated ? ` --endpoint-url ${options.endpointUrl}` : '',
    ].join(''),
    ephemeral: options.simulated,
  });
  const hub = sharedPollHub(gateway, deps.time ? { time: deps.time } : {});
  const identity = new IdentityStore(hub);
  identity.start();
  const session = createBrowseSession({
    hub,
    // --demo hands over the in-process simulator's clock; against `ecs-rollout sim` through
    // --endpoint-url, the replies tell the simulated time
    now: () =>
      (gateway.clock.simulated && !options.simulated
        ? gateway.clock.now()
        : options.now()
      ).getTime(),
    readOnly: options.readOnly,
  });
  let disposed = false;
  return {
    kind: 'ready',
    connection: {
      profile: target.profile,
      region,
      gateway,
      hub,
      identity,
      session,
      dispose() {
        if (disposed) return;
        disposed = true;
        identity.dispose();
        hub.dispose();
        audit.dispose();
        untrack();
        gateway.close();
      },
    },
  };
}
