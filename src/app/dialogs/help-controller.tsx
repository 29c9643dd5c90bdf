import { useMemo, useState } from 'react';
import { HelpOverlay } from '../../components/help-overlay';
import { helpLines, helpSections, type HelpOptions } from '../../keys/help-model';
import { useCommand } from '../../keys/use-command';
import type { AreaSize } from '../screens';
import { useDialogManager } from '../dialog-manager';

/** The `?` overlay: every key from the table, the current screen's first; j/k scroll. */
export function HelpController({ size, options }: { size: AreaSize; options: HelpOptions }) {
  const { closeOverlay } = useDialogManager();
  const lines = useMemo(() => helpLines(helpSections(options)), [options]);
  const rows = Math.max(1, size.rows - 1);
  const maxOffset = Math.max(0, lines.length - rows);
  const [offset, setOffset] = useState(0);
  const scroll = (to: number) => setOffset(Math.min(maxOffset, Math.max(0, to)));

  useCommand('global.help', closeOverlay);
  useCommand('global.back', closeOverlay);
  useCommand('nav.down', () => scroll(offset + 1));
  useCommand('nav.up', () => scroll(offset - 1));
  useCommand('nav.page-down', () => scroll(offset + rows));
  useCommand('nav.page-up', () => scroll(offset - rows));
  useCommand('nav.top', () => scroll(0));
  useCommand('nav.bottom', () => scroll(maxOffset));

  return (
    <HelpOverlay
      lines={lines}
      offset={Math.min(offset, maxOffset)}
      height={size.rows}
      readOnly={options.readOnly ?? false}
    />
  );
}
