import { Box } from 'ink';
import { useState } from 'react';
import { CommandPalette, type PaletteEntry } from '../../components/command-palette';
import { useTextInput } from '../../hooks/use-text-input';
import { useCommand } from '../../keys/use-command';
import { useFlash } from '../flash-context';
import type { Palette, PaletteContext } from '../palette';
import type { AreaSize } from '../screens';
import { useDialogManager } from '../dialog-manager';

/** `:` — type a command, tab completes, up/down choose a completion, enter runs. */
export function PaletteController({
  size,
  palette,
  context,
}: {
  size: AreaSize;
  palette: Palette;
  context: PaletteContext;
}) {
  const { closeOverlay } = useDialogManager();
  const flash = useFlash();
  const [value, setValue] = useState('');
  const input = useTextInput(value, setValue);
  // a chosen completion belongs to the text it was chosen for; typing resets the choice
  const [choice, setChoice] = useState<{ for: string; index: number }>({ for: '', index: -1 });
  const selected = choice.for === value ? choice.index : -1;

  const lines = palette.complete(value, context);
  const entries: PaletteEntry[] = lines.map((text) => {
    const command = /\s/.test(text) ? undefined : palette.find(text);
    return {
      text: command?.usage ?? text,
      ...(command ? { description: command.description } : {}),
    };
  });
  const choose = (step: 1 | -1) => {
    if (lines.length === 0) return;
    const next =
      selected < 0
        ? step === 1
          ? 0
          : lines.length - 1
        : (selected + step + lines.length) % lines.length;
    setChoice({ for: value, index: next });
  };

  useCommand('dialog.down', () => choose(1));
  useCommand('dialog.up', () => choose(-1));
  useCommand(
    'dialog.complete',
    () => {
      const line = lines[Math.max(0, selected)];
      if (line === undefined) return;
      const command = palette.find(line);
      // a command that takes a name gets the space, so the names complete next
      setValue(command?.complete ? `${line} ` : line);
    },
    { disabledReason: lines.length === 0 ? 'nothing to complete' : undefined },
  );
  useCommand('dialog.confirm', () => {
    const line = selected >= 0 ? (lines[selected] ?? value) : value;
    closeOverlay();
    const error = palette.run(line, context);
    if (error) flash.warn(error);
  });
  useCommand('dialog.cancel', closeOverlay);

  const height = size.rows;
  return (
    <Box width={size.columns} height={size.rows} flexDirection="column">
      <CommandPalette
        value={input.value}
        cursor={input.cursor}
        candidates={entries}
        selected={selected}
        width={size.columns}
        height={height}
      />
    </Box>
  );
}
