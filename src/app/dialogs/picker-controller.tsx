import { Box } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import {
  filterShown,
  pickerChrome,
  PickerDialog,
  pickerRows,
} from '../../components/picker-dialog';
import { wrapBody } from '../../components/confirm-dialog';
import { clampWindow, moveWindow, type ListMove, type ListWindow } from '../../hooks/list-window';
import { useTextInput } from '../../hooks/use-text-input';
import { bindingFor, type CommandId } from '../../keys/bindings';
import { formatKey } from '../../keys/key-spec';
import { useCommand } from '../../keys/use-command';
import { useFlash } from '../flash-context';
import type { AreaSize } from '../screens';
import { useDialogManager } from '../dialog-manager';
import type { PendingDialog } from '../dialog-state';

type PickDialogEntry = Extract<PendingDialog, { kind: 'pick' }>;

const key = (id: CommandId, at = 0) => formatKey(bindingFor(id).keys[at] ?? '');

/**
 * The picker's keys in one line. As in the lists, j/k move and `/` starts typing a filter
 * (letters never filter by themselves); while typing, the arrows (and ctrl+n/ctrl+p, in the
 * help) move.
 */
export function pickerHint(filtering: boolean): string {
  const arrows = `${key('dialog.up')}/${key('dialog.down')}`;
  const pick = `${key('dialog.confirm')} pick`;
  return filtering
    ? `type to filter · ${arrows} move · ${pick} · ${key('dialog.cancel')} clear`
    : `${key('nav.down')}/${key('nav.up')} ${arrows} move · ${key('dialog.filter')} filter · ${pick} · ${key('dialog.cancel')} cancel`;
}

/** Profile, region and revision pickers: j/k or arrows to choose, `/` to narrow, enter to take. */
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
  const [filtering, setFiltering] = useState(false);
  const input = useTextInput(filter, setFilter, { isActive: filtering });

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

  const showFilter = filterShown(filtering, filter);
  const width = Math.min(size.columns, 60);
  const body = useMemo(() => wrapBody(request.body ?? [], width), [request.body, width]);
  const chrome = pickerChrome(showFilter, body.length);
  const height = Math.min(size.rows, Math.max(6, matching.length + chrome));
  const visible = pickerRows(height, showFilter, body.length);
  const count = matching.length;
  const initial = Math.max(0, matching.indexOf(request.current ?? ''));
  // the selection belongs to the filter it was made under: a new filter starts at the top
  const [raw, setRaw] = useState<{ filter: string; win: ListWindow } | undefined>(undefined);
  const start = { selected: initial, offset: 0 };
  const win = clampWindow(raw?.filter === filter ? raw.win : start, count, visible);
  // from the window the last move left
  const move = (m: ListMove) =>
    setRaw((prev) => {
      const from = clampWindow(prev?.filter === filter ? prev.win : start, count, visible);
      return { filter, win: moveWindow(from, m, count, visible) };
    });

  useCommand('nav.down', () => move({ type: 'down' }));
  useCommand('nav.up', () => move({ type: 'up' }));
  useCommand('nav.top', () => move({ type: 'top' }));
  useCommand('nav.bottom', () => move({ type: 'bottom' }));
  useCommand('nav.page-down', () => move({ type: 'page-down' }));
  useCommand('nav.page-up', () => move({ type: 'page-up' }));
  useCommand('dialog.down', () => move({ type: 'down' }));
  useCommand('dialog.up', () => move({ type: 'up' }));
  useCommand('dialog.filter', () => setFiltering(true), { isActive: !filtering });
  useCommand('dialog.confirm', () => settle(dialog, matching[win.selected]), {
    disabledReason:
      count > 0 ? undefined : filter === '' ? 'nothing to pick' : 'nothing matches the filter',
  });
  useCommand('dialog.cancel', () => {
    if (!showFilter) {
      settle(dialog, undefined);
      return;
    }
    setFilter('');
    setFiltering(false);
  });

  return (
    <Box width={size.columns} height={size.rows} justifyContent="center" alignItems="center">
      <PickerDialog
        title={request.title}
        filter={input.value}
        cursor={input.cursor}
        filtering={filtering}
        hint={pickerHint(filtering)}
        body={body}
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
