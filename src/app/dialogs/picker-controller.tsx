import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { PickerDialog, pickerRows } from '../../components/picker-dialog';
import { clampWindow, moveWindow, type ListWindow } from '../../hooks/list-window';
import { useTextInput } from '../../hooks/use-text-input';
import { useCommand } from '../../keys/use-command';
import { useFlash } from '../flash-context';
import type { AreaSize } from '../screens';
import { useDialogManager } from '../dialog-manager';
import type { PendingDialog } from '../dialog-state';

type PickDialogEntry = Extract<PendingDialog, { kind: 'pick' }>;

/** Profile and region pickers: type to narrow, arrows to choose, enter to take. */
export function PickerController({ dialog, size }: { dialog: PickDialogEntry; size: AreaSize }) {
  const { settle } = useDialogManager();
  const flash = useFlash();
  const { request } = dialog;
  // a list that is already at hand shows at once; only a promise shows "loading…"
  const [source] = useState(() =>
    typeof request.items === 'function' ? request.items() : request.items,
  );
  const [items, setItems] = useState<readonly string[] | undefined>(() =>
    isList(source) ? source : undefined,
  );
  const [filter, setFilter] = useState('');
  const input = useTextInput(filter, setFilter);

  useEffect(() => {
    if (isList(source)) return undefined;
    let live = true;
    source.then(
      (loaded) => {
        if (live) setItems(loaded);
      },
      (error: unknown) => {
        if (!live) return;
        flash.error(error);
        setItems([]);
      },
    );
    return () => {
      live = false;
    };
  }, [source, flash]);

  const matching = useMemo(() => {
    const needle = filter.toLowerCase();
    return (items ?? []).filter((item) => item.toLowerCase().includes(needle));
  }, [items, filter]);

  const width = Math.min(size.columns, 60);
  const height = Math.min(size.rows, Math.max(6, matching.length + 3));
  const visible = pickerRows(height);
  const initial = Math.max(0, matching.indexOf(request.current ?? ''));
  const [raw, setRaw] = useState<ListWindow | undefined>(undefined);
  const win = clampWindow(raw ?? { selected: initial, offset: 0 }, matching.length, visible);
  const move = (type: 'down' | 'up') => setRaw(moveWindow(win, { type }, matching.length, visible));

  useCommand('dialog.down', () => move('down'));
  useCommand('dialog.up', () => move('up'));
  useCommand('dialog.confirm', () => settle(dialog, matching[win.selected]), {
    disabledReason: matching.length === 0 ? 'nothing matches the filter' : undefined,
  });
  useCommand('dialog.cancel', () => settle(dialog, undefined));

  return (
    <Box width={size.columns} height={size.rows} justifyContent="center" alignItems="center">
      <PickerDialog
        title={request.title}
        filter={input.value}
        cursor={input.cursor}
        items={matching}
        selected={win.selected}
        offset={win.offset}
        current={request.current}
        loading={items === undefined}
        width={width}
        height={height}
      />
    </Box>
  );
}

function isList(value: readonly string[] | Promise<readonly string[]>): value is readonly string[] {
  return Array.isArray(value);
}
