import { useApp } from 'ink';
import { useCommand } from '../keys/use-command';
import { useDialogManager } from './dialog-manager';
import { useFlash } from './flash-context';
import { useRouter } from './router-context';

export interface SwitchSource {
  /** Names to pick from; may be async (reading ~/.aws/config). */
  list: () => readonly string[] | Promise<readonly string[]>;
  current?: string | undefined;
  onChange: (name: string) => void;
}

/**
 * The keys that work on every screen. Quitting asks the screens' leave guards first (q), except
 * Ctrl-C, which always gets out at once.
 */
export function GlobalKeys({
  profile,
  region,
  onQuit,
}: {
  profile?: SwitchSource | undefined;
  region?: SwitchSource | undefined;
  onQuit?: (() => void) | undefined;
}) {
  const { exit } = useApp();
  const router = useRouter();
  const flash = useFlash();
  const dialogs = useDialogManager();
  const quit = onQuit ?? (() => exit());

  const switchTo = (title: string, source: SwitchSource | undefined) => {
    if (!source) return;
    void dialogs
      .pick({ title, items: source.list, current: source.current })
      .then(async (name) => {
        if (name === undefined || name === source.current) return;
        // another account or region: the screens on the stack show data that no longer applies
        if (await router.reset([{ kind: 'clusters' }])) source.onChange(name);
      })
      .catch((error: unknown) => flash.error(error));
  };

  useCommand('global.help', () => dialogs.openOverlay('help'));
  useCommand('global.command', () => dialogs.openOverlay('palette'));
  useCommand('global.filter', () => dialogs.openOverlay('filter'));
  const atTop = router.stack.length <= 1 && dialogs.filter === '';
  useCommand(
    'global.back',
    () => {
      if (dialogs.filter !== '') {
        dialogs.setFilter('');
        return;
      }
      void router.back().catch((error: unknown) => flash.error(error));
    },
    { disabledReason: atTop ? 'already at the top' : undefined },
  );
  useCommand('global.quit', () => {
    void router
      .mayQuit()
      .then((ok) => ok && quit())
      .catch((error: unknown) => flash.error(error));
  });
  useCommand('global.interrupt', quit);
  useCommand('global.profile', () => switchTo('AWS profile', profile));
  useCommand('global.region', () => switchTo('region', region));
  return null;
}
