/**
 * The TUI's root: draws a first frame at once, connects (the SDK loads meanwhile), then shows
 * the App — or the no-credentials screen when there is no Region or no credentials. A profile
 * or Region switch tears the connection down and makes a new one.
 */
import { Box, Text, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { listProfiles, resolveRegion, type ProfileInfo } from '../aws';
import { isAwsError } from '../errors';
import { Spinner } from '../components/spinner';
import { Styled } from '../components/styled';
import type { AppTimer } from '../hooks/app-timer';
import type { TimeSource } from '../state/time';
import { ThemeProvider } from '../theme/theme-context';
import { pickTheme, type Theme } from '../theme/tokens';
import { connect, type ConnectDeps, type Connection, type Target } from './connect';
import { ConnectedApp } from './connected-app';
import { credentialReport, type CredentialReport } from './credential-search';
import { NoCredentials } from './no-credentials';
import type { TuiOptions } from './options';
import { useStore } from './screen-kit';
import { StandaloneFrame } from './standalone';

/** Exit code when the person quits from the no-credentials screen (the CLI's "no credentials"). */
export const NO_CREDENTIALS_EXIT = 7;

export interface TuiRootProps {
  options: TuiOptions;
  /** Told the code the process should exit with when the app ends now. */
  onExitCode?: (code: number) => void;
  /** The app's clock (spinners, flash); tests pass a manual one. */
  timer?: AppTimer;
  /** The pollers' clock; tests pass a manual one. */
  pollTime?: TimeSource;
  theme?: Theme;
  /** Where profile names come from (tests); default the shared config files. */
  profiles?: () => Promise<ProfileInfo[]>;
  /** Gateway settings beyond the options (tests: one attempt per call). */
  gatewayOptions?: ConnectDeps['gateway'];
}

type Phase =
  | { kind: 'connecting' }
  | { kind: 'ready'; connection: Connection; deepLink: boolean }
  | { kind: 'no-credentials'; report: CredentialReport }
  | { kind: 'failed'; error: unknown };

export function TuiRoot(props: TuiRootProps) {
  const { options, pollTime, onExitCode, gatewayOptions } = props;
  const readProfiles = props.profiles ?? listProfiles;
  const { stdout } = useStdout();
  const theme = useMemo(() => props.theme ?? pickTheme(process.env, stdout), [props.theme, stdout]);
  const [target, setTarget] = useState<Target>(() => ({
    profile: options.profile,
    region: options.region,
  }));
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [profileNames, setProfileNames] = useState<readonly string[] | undefined>(undefined);
  const connections = useRef(0);

  useEffect(() => {
    let live = true;
    let connection: Connection | undefined;
    setPhase({ kind: 'connecting' });
    connect(options, target, { time: pollTime, gateway: gatewayOptions })
      .then(async (result) => {
        if (result.kind === 'no-region') {
          const report = await credentialReport({
            problem: 'region',
            error: result.error,
            profile: target.profile,
            profiles: readProfiles,
          });
          if (live) setPhase({ kind: 'no-credentials', report });
          return;
        }
        connection = result.connection;
        if (!live) connection.dispose();
        else setPhase({ kind: 'ready', connection, deepLink: connections.current++ === 0 });
      })
      .catch((error: unknown) => {
        if (live) setPhase({ kind: 'failed', error });
      });
    return () => {
      live = false;
      connection?.dispose();
    };
  }, [options, target, pollTime, gatewayOptions, readProfiles]);

  // the profile picker offers the shared config's profiles; the simulator has just one
  useEffect(() => {
    if (options.simulated) return;
    let live = true;
    readProfiles().then(
      (found) => live && setProfileNames(found.map((p) => p.name)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [options.simulated, readProfiles]);

  useEffect(() => {
    onExitCode?.(phase.kind === 'no-credentials' ? NO_CREDENTIALS_EXIT : 0);
  }, [phase.kind, onExitCode]);

  const onProfile = useCallback(
    (profile: string) => {
      // the new profile's own region, unless --region or AWS_REGION say otherwise
      const region = options.region
        ? Promise.resolve(options.region)
        : resolveRegion({ profile }).then(
            (r) => r.region,
            () => target.region,
          );
      void region.then((r) => setTarget({ profile, region: r }));
    },
    [options.region, target.region],
  );
  // the same Region again is no switch: keep the connection (and the screen) as they are
  const onRegion = useCallback(
    (region: string) => setTarget((t) => (t.region === region ? t : { ...t, region })),
    [],
  );
  const noCredentials = useCallback(
    (error: unknown) => {
      void credentialReport({
        problem: 'credentials',
        error,
        profile: target.profile,
        profiles: readProfiles,
      }).then((report) => setPhase({ kind: 'no-credentials', report }));
    },
    [target.profile, readProfiles],
  );

  if (phase.kind === 'failed') throw phase.error;
  return (
    <ThemeProvider theme={theme}>
      {phase.kind === 'connecting' ? (
        <Connecting options={options} target={target} />
      ) : phase.kind === 'no-credentials' ? (
        <NoCredentials report={phase.report} simulated={options.simulated} />
      ) : (
        <>
          <IdentityGate connection={phase.connection} onMissing={noCredentials} />
          <ConnectedApp
            key={phase.connection.region + (phase.connection.profile ?? '')}
            connection={phase.connection}
            options={options}
            deepLink={phase.deepLink}
            profileNames={profileNames}
            onProfile={onProfile}
            onRegion={onRegion}
            timer={props.timer}
            theme={theme}
          />
        </>
      )}
    </ThemeProvider>
  );
}

/** STS said there are no credentials at all: the app cannot do anything, say so in one screen. */
function IdentityGate({
  connection,
  onMissing,
}: {
  connection: Connection;
  onMissing: (error: unknown) => void;
}) {
  const identity = useStore(connection.identity);
  const missing = identity.status === 'error' && isAwsError(identity.error, 'credentials-missing');
  useEffect(() => {
    if (missing) onMissing(identity.error);
  }, [missing, identity.error, onMissing]);
  return null;
}

function Connecting({ options, target }: { options: TuiOptions; target: Target }) {
  const where = [
    target.profile ? `profile ${target.profile}` : undefined,
    target.region ? `region ${target.region}` : undefined,
    options.simulated ? 'the built-in simulator' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <StandaloneFrame name="connecting" simulated={options.simulated}>
      <Box paddingX={1}>
        <Text wrap="truncate-end">
          <Styled token="ui.title">ecs-rollout</Styled>
          {'  '}
          <Spinner /> {`connecting to AWS${where ? ` (${where})` : ''}…`}
        </Text>
      </Box>
    </StandaloneFrame>
  );
}
