/**
 * The App on one live connection: the context bar from the identity store, the hub's throttled
 * badge and the screen's refresh interval; the browsing screens; the deep link; the profile and
 * Region pickers; and the credential-expiry watcher.
 */
import { useApp } from 'ink';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { App } from '../app/app';
import { inFlight } from '../app/in-flight';
import type { SwitchSource } from '../app/global-keys';
import { stackForService, type ScreenDescriptor } from '../app/router';
import type { ContextInfo } from '../components/context-bar';
import type { AppTimer } from '../hooks/app-timer';
import type { Theme } from '../theme/tokens';
import type { Connection } from './connect';
import { CredentialWatch } from './credential-watch';
import type { TuiOptions } from './options';
import { regionChoices } from './regions';
import { browseScreens } from './screens';
import { AUDIT_COMMAND } from '../screens/audit/audit-command';
import { useStore } from './screen-kit';

export interface ConnectedAppProps {
  connection: Connection;
  options: TuiOptions;
  /** Open at --cluster / --service (only the first connection; a switch starts at Clusters). */
  deepLink: boolean;
  /** Profile names for ctrl+p; undefined when there is nothing to switch to. */
  profileNames: readonly string[] | undefined;
  onProfile: (name: string) => void;
  onRegion: (name: string) => void;
  timer?: AppTimer | undefined;
  theme?: Theme | undefined;
}

const PALETTE_COMMANDS = [AUDIT_COMMAND];

export function deepLinkStack(options: TuiOptions): ScreenDescriptor[] | undefined {
  if (!options.cluster) return undefined;
  if (options.service) return stackForService(options.cluster, options.service);
  return [{ kind: 'clusters' }, { kind: 'services', cluster: options.cluster }];
}

export function ConnectedApp(props: ConnectedAppProps) {
  const { connection, options, profileNames, onProfile, onRegion } = props;
  const { session, identity, hub, gateway } = connection;
  const screens = useMemo(() => browseScreens(session), [session]);
  const who = useStore(identity);
  const throttled = useSyncExternalStore(hub.subscribe, () => hub.getSnapshot().throttled);
  const refreshSeconds = useSyncExternalStore(session.refresh.subscribe, session.refresh.seconds);
  // the name the SDK uses when none is given, for the context bar and the sso login hint
  const envProfile = options.simulated ? undefined : process.env.AWS_PROFILE || undefined;
  const shownProfile = connection.profile ?? envProfile;

  const context: ContextInfo = {
    profile: shownProfile,
    region: connection.region,
    account: who.data?.account,
    readOnly: options.readOnly,
    simulated: options.simulated,
    refreshSeconds,
    throttled,
  };
  const profiles = useMemo<SwitchSource | undefined>(
    () =>
      profileNames && profileNames.length > 0
        ? { list: () => profileNames, current: connection.profile, onChange: onProfile }
        : undefined,
    [profileNames, connection.profile, onProfile],
  );
  const regions = useMemo<SwitchSource>(
    () => ({
      list: () => regionChoices(connection.region),
      current: connection.region,
      onChange: onRegion,
    }),
    [connection.region, onRegion],
  );
  const names = useMemo(
    () => ({ clusters: session.names.clusters, services: session.names.services }),
    [session],
  );
  const initialStack = useMemo(
    () => (props.deepLink ? deepLinkStack(options) : undefined),
    [props.deepLink, options],
  );
  const askAgain = useCallback(() => {
    if (identity.getSnapshot().data === undefined) void identity.refresh();
  }, [identity]);
  const { exit } = useApp();
  // however the person quits (q and :q after the plans were asked about, Ctrl-C, q on the
  // too-small screen), no plan this app drives moves again: not even a call already queued
  const onQuit = useCallback(() => {
    inFlight.haltDrivers();
    exit();
  }, [exit]);

  return (
    <App
      context={context}
      screens={screens}
      {...(initialStack ? { initialStack } : {})}
      profiles={profiles}
      regions={regions}
      names={names}
      paletteCommands={PALETTE_COMMANDS}
      onQuit={onQuit}
      {...(props.timer ? { timer: props.timer } : {})}
      {...(props.theme ? { theme: props.theme } : {})}
    >
      <CredentialWatch
        calls={gateway.calls}
        profile={shownProfile ?? 'default'}
        onRecovered={askAgain}
      />
    </App>
  );
}
