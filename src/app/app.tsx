/**
 * The App: providers, the screen stack, the frame, dialogs and the global keys. The container
 * (main.ts) supplies what it knows about AWS — profile, region, account, read-only, simulated —
 * and the screens; everything a screen sits in comes from here.
 */
import { Box, useApp, useStdout } from 'ink';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { ContextInfo } from '../components/context-bar';
import { TooSmall, isTooSmall } from '../components/too-small';
import { TimerProvider, systemTimer, type AppTimer } from '../hooks/app-timer';
import { TickerProvider } from '../hooks/use-tick';
import { useTerminalSize } from '../hooks/use-terminal-size';
import { KeyDispatcher, KeyLayerScope } from '../keys/dispatcher';
import type { CommandState } from '../keys/binding-types';
import { bindingFor } from '../keys/bindings';
import type { DispatchResult } from '../keys/registry';
import { useCommand, useRawInput } from '../keys/use-command';
import { ThemeProvider } from '../theme/theme-context';
import { pickTheme, type Theme } from '../theme/tokens';
import { DialogManager } from './dialog-manager';
import { disabledMessage } from './flash';
import { FlashProvider, useFlash } from './flash-context';
import { Frame } from './frame';
import type { SwitchSource } from './global-keys';
import type { PaletteCommand, PaletteContext } from './palette';
import type { ScreenDescriptor } from './router';
import { RouterProvider, useRouter } from './router-context';
import { createScreenRegistry, type AnyScreenRegistration } from './screens';

export interface AppProps {
  /** Profile, region, account and the badges, from the gateway and the stores. */
  context: ContextInfo;
  screens: readonly AnyScreenRegistration[];
  /** Where to start (default: the cluster list); `--cluster x --service y` deep-links here. */
  initialStack?: readonly ScreenDescriptor[];
  /** ctrl+p and `:profile`; absent: the key is shown disabled with why. */
  profiles?: SwitchSource | undefined;
  /** ctrl+r and `:region`. */
  regions?: SwitchSource | undefined;
  /** Names for palette completion (`:svc a<tab>`). */
  names?: Pick<PaletteContext['names'], 'clusters' | 'services'>;
  /** Palette commands besides the built-in ones. */
  paletteCommands?: readonly PaletteCommand[];
  /** Called instead of Ink's exit when the person quits (the default unmounts the app). */
  onQuit?: () => void;
  timer?: AppTimer;
  /** Default: the no-colour theme when NO_COLOR is set or stdout has no colour. */
  theme?: Theme;
  /**
   * Watchers the container mounts inside the shell (they may flash, route, ask); they draw
   * nothing themselves. E.g. the TUI's credential-expiry watcher.
   */
  children?: ReactNode;
}

export function App(props: AppProps) {
  const { stdout } = useStdout();
  const theme = useMemo(() => props.theme ?? pickTheme(process.env, stdout), [props.theme, stdout]);
  return (
    <ThemeProvider theme={theme}>
      <TimerProvider timer={props.timer ?? systemTimer}>
        <TickerProvider>
          <FlashProvider>
            <RouterProvider {...(props.initialStack ? { initial: props.initialStack } : {})}>
              <Shell {...props} />
            </RouterProvider>
          </FlashProvider>
        </TickerProvider>
      </TimerProvider>
    </ThemeProvider>
  );
}

function Shell(props: AppProps) {
  const router = useRouter();
  const flash = useFlash();
  const registry = useMemo(() => createScreenRegistry(props.screens), [props.screens]);
  const top = router.top;
  const registration = registry.get(top.screen.kind);
  const { readOnly, simulated } = props.context;
  const state = useMemo<CommandState>(
    () => ({
      readOnly,
      simulated,
      screen: top.screen.kind,
      filterable: registration?.filterable === true,
      canSwitchProfile: props.profiles !== undefined,
      canSwitchRegion: props.regions !== undefined,
    }),
    [readOnly, simulated, top.screen.kind, registration, props.profiles, props.regions],
  );
  // a flash from before the last key is stale on another screen (the outcome of a key that
  // navigates, e.g. "deployment started" on the monitor, came after it and stays)
  useEffect(() => flash.clearOlder(), [flash, top.id]);
  return (
    <KeyDispatcher
      readOnly={readOnly}
      state={state}
      onDisabled={(binding, reason) => flash.warn(disabledMessage(binding, reason))}
      onKeyStart={flash.keyPressed}
      onKeyDone={(result) => {
        if (actedOn(result)) flash.clearOlder();
      }}
    >
      <DialogManager entryId={top.id}>
        {props.children}
        <SizeGate onQuit={props.onQuit}>
          <Frame {...props} registry={registry} />
        </SizeGate>
      </DialogManager>
    </KeyDispatcher>
  );
}

/**
 * Whether a key did something that replaces the last flash: any command but a move (j/k, tabs,
 * pages leave it to be read). Typing into a field does not; a disabled key flashes its reason.
 */
function actedOn(result: DispatchResult): boolean {
  return result.kind === 'ran' && bindingFor(result.id).group !== 'navigation';
}

/**
 * Below 80x24 the app says so instead of drawing a broken frame. The app stays mounted (hidden)
 * so nothing is lost when the window grows back; its keys are held, except quit.
 */
function SizeGate({
  children,
  onQuit,
}: {
  children: ReactNode;
  onQuit?: (() => void) | undefined;
}) {
  const { columns, rows } = useTerminalSize();
  const small = isTooSmall(columns, rows);
  // one tree shape in both states: a changed parent would remount the app and lose its state
  return (
    <>
      <Box display={small ? 'none' : 'flex'} flexDirection="column">
        {children}
      </Box>
      {small ? (
        <KeyLayerScope layer="dialog">
          <TooSmall columns={columns} rows={rows} />
          <HoldKeys onQuit={onQuit} />
        </KeyLayerScope>
      ) : null}
    </>
  );
}

function HoldKeys({ onQuit }: { onQuit?: (() => void) | undefined }) {
  const { exit } = useApp();
  useCommand('global.quit', onQuit ?? (() => exit()));
  const quitKeys = bindingFor('global.quit').keys;
  useRawInput((_input, spec) => spec === undefined || !quitKeys.includes(spec));
  return null;
}
