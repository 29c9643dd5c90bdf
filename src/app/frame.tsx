import { useApp } from 'ink';
import { useMemo } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size';
import { KeyLayerScope } from '../keys/dispatcher';
import { useFooterHints } from '../keys/use-command';
import type { AppProps } from './app';
import { useDialogManager } from './dialog-manager';
import { coversScreen } from './dialog-state';
import { ConfirmController } from './dialogs/confirm-controller';
import { FilterBadge, FilterEditor } from './dialogs/filter-controller';
import { HelpController } from './dialogs/help-controller';
import { PaletteController } from './dialogs/palette-controller';
import { PickerController } from './dialogs/picker-controller';
import { useFlashMessage } from './flash-context';
import { GlobalKeys } from './global-keys';
import { FooterLine, Layout, mainAreaSize, PanelFlashEdge } from './layout';
import { createPalette, type PaletteContext } from './palette';
import { breadcrumbs, currentScope } from './router';
import { useRouter } from './router-context';
import { ScreenHost } from './screen-host';
import type { AreaSize, ScreenRegistry } from './screens';

const FILTER_WIDTH = 32;

/** The frame with the screen stack inside, and whatever covers it. */
export function Frame(props: AppProps & { registry: ScreenRegistry }) {
  const { registry, context } = props;
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const quit = props.onQuit ?? (() => exit());
  const router = useRouter();
  const dialogs = useDialogManager();
  const size = mainAreaSize(columns, rows);
  const top = router.top;
  const registration = registry.get(top.screen.kind);
  const { overlay } = dialogs.state;

  const palette = useMemo(
    () => createPalette(props.paletteCommands, { readOnly: context.readOnly }),
    [props.paletteCommands, context.readOnly],
  );
  const paletteContext: PaletteContext = {
    scope: currentScope(router.stack),
    readOnly: context.readOnly,
    go: (stack) => void router.reset(stack),
    push: router.push,
    quit: () => {
      void router.mayQuit().then((ok) => ok && quit());
    },
    help: () => dialogs.openOverlay('help'),
    ...(props.profiles ? { setProfile: props.profiles.onChange } : {}),
    ...(props.regions ? { setRegion: props.regions.onChange } : {}),
    names: {
      ...props.names,
      ...(props.profiles ? { profiles: listNow(props.profiles.list) } : {}),
      ...(props.regions ? { regions: listNow(props.regions.list) } : {}),
    },
  };

  const filterSlot =
    overlay === 'filter' ? (
      <KeyLayerScope layer="overlay">
        <FilterEditor width={FILTER_WIDTH} />
      </KeyLayerScope>
    ) : dialogs.filter !== '' ? (
      <FilterBadge filter={dialogs.filter} width={FILTER_WIDTH} />
    ) : null;

  return (
    <Layout
      columns={columns}
      rows={rows}
      context={context}
      crumbs={breadcrumbs(router.stack, (s) => registry.title(s))}
      title={overlayTitle(overlay) ?? registry.title(top.screen)}
      filterSlot={filterSlot}
      footer={<LiveFooter columns={columns} />}
      panelBottom={<LiveFlashEdge columns={columns} />}
    >
      {/* below the screen's layer, so a key the screen binds (the wizard's esc) is the screen's */}
      <KeyLayerScope layer="global">
        <GlobalKeys profile={props.profiles} region={props.regions} onQuit={props.onQuit} />
      </KeyLayerScope>
      <ScreenHost
        stack={router.stack}
        registry={registry}
        size={size}
        filter={dialogs.filter}
        covered={coversScreen(dialogs.state)}
      />
      <Covering
        size={size}
        palette={palette}
        paletteContext={paletteContext}
        readOnly={context.readOnly}
        screenKeys={registration?.keys ?? []}
        screenTitle={`This screen (${registry.title(top.screen)})`}
      />
    </Layout>
  );
}

/** Subscribes to hints and flash on its own, so a flash re-renders one line, not the app. */
function LiveFooter({ columns }: { columns: number }) {
  const hints = useFooterHints();
  const flash = useFlashMessage();
  return <FooterLine columns={columns} hints={hints} flash={flash} />;
}

/** The main panel's bottom edge, with the flash when the footer has no room for it. */
function LiveFlashEdge({ columns }: { columns: number }) {
  const hints = useFooterHints();
  const flash = useFlashMessage();
  return <PanelFlashEdge columns={columns} hints={hints} flash={flash} />;
}

function overlayTitle(overlay: string): string | undefined {
  if (overlay === 'help') return 'help';
  if (overlay === 'palette') return 'command';
  return undefined;
}

/** A source that may be async cannot complete synchronously; completion uses what is cached. */
function listNow(list: () => readonly string[] | Promise<readonly string[]>) {
  return () => {
    const result = list();
    return Array.isArray(result) ? (result as readonly string[]) : [];
  };
}

function Covering(props: {
  size: AreaSize;
  palette: ReturnType<typeof createPalette>;
  paletteContext: PaletteContext;
  readOnly: boolean;
  screenKeys: NonNullable<AppProps['screens'][number]['keys']>;
  screenTitle: string;
}) {
  const { state } = useDialogManager();
  const dialog = state.dialogs.at(-1);
  const helpOptions = useMemo(
    () => ({
      readOnly: props.readOnly,
      screenKeys: props.screenKeys,
      screenTitle: props.screenTitle,
    }),
    [props.readOnly, props.screenKeys, props.screenTitle],
  );
  if (dialog) {
    return (
      <KeyLayerScope layer="dialog">
        {dialog.kind === 'confirm' ? (
          <ConfirmController key={dialog.id} dialog={dialog} size={props.size} />
        ) : (
          <PickerController key={dialog.id} dialog={dialog} size={props.size} />
        )}
      </KeyLayerScope>
    );
  }
  if (state.overlay === 'help') {
    return (
      <KeyLayerScope layer="overlay">
        <HelpController size={props.size} options={helpOptions} />
      </KeyLayerScope>
    );
  }
  if (state.overlay === 'palette') {
    return (
      <KeyLayerScope layer="overlay">
        <PaletteController
          size={props.size}
          palette={props.palette}
          context={props.paletteContext}
        />
      </KeyLayerScope>
    );
  }
  return null;
}
