/**
 * The one place that decides what covers the screen (gemini-cli's DialogManager): overlays
 * (help, palette, filter) and dialogs (confirm, picker). Screens ask for a confirmation with
 * `useDialogs().confirm(...)` and get a promise; they never draw a modal themselves.
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  dialogReducer,
  initialDialogState,
  type ConfirmRequest,
  type DialogState,
  type OverlayKind,
  type PendingDialog,
  type PickRequest,
} from './dialog-state';

export interface DialogApi {
  /** Shows what will happen and resolves true only when the person confirms. */
  confirm: (request: ConfirmRequest) => Promise<boolean>;
  /** A list with a filter; resolves the chosen item, or undefined when cancelled. */
  pick: (request: PickRequest) => Promise<string | undefined>;
  openOverlay: (overlay: Exclude<OverlayKind, 'none'>) => void;
  closeOverlay: () => void;
}

interface DialogManagerValue extends DialogApi {
  state: DialogState;
  /** Answers a dialog's promise and removes it. */
  settle: (dialog: PendingDialog, value: boolean | string | undefined) => void;
  filter: string;
  setFilter: (text: string) => void;
}

const DialogContext = createContext<DialogManagerValue | undefined>(undefined);

export function DialogManager({ entryId, children }: { entryId: number; children: ReactNode }) {
  const [state, dispatch] = useReducer(dialogReducer, initialDialogState);
  const nextId = useRef(1);
  // the filter belongs to the screen it was typed on: going back restores that screen's filter
  const [filters, setFilters] = useState<ReadonlyMap<number, string>>(new Map());

  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        dispatch({
          type: 'push-dialog',
          dialog: { id: nextId.current++, kind: 'confirm', request, resolve },
        });
      }),
    [],
  );
  const pick = useCallback(
    (request: PickRequest) =>
      new Promise<string | undefined>((resolve) => {
        dispatch({
          type: 'push-dialog',
          dialog: { id: nextId.current++, kind: 'pick', request, resolve },
        });
      }),
    [],
  );
  const settle = useCallback((dialog: PendingDialog, value: boolean | string | undefined) => {
    dispatch({ type: 'remove-dialog', id: dialog.id });
    if (dialog.kind === 'confirm') dialog.resolve(value === true);
    else dialog.resolve(typeof value === 'string' ? value : undefined);
  }, []);
  const setFilter = useCallback(
    (text: string) =>
      setFilters((prev) => {
        const next = new Map(prev);
        if (text === '') next.delete(entryId);
        else next.set(entryId, text);
        return next;
      }),
    [entryId],
  );

  const value = useMemo<DialogManagerValue>(
    () => ({
      state,
      confirm,
      pick,
      settle,
      openOverlay: (overlay) => dispatch({ type: 'open-overlay', overlay }),
      closeOverlay: () => dispatch({ type: 'close-overlay' }),
      filter: filters.get(entryId) ?? '',
      setFilter,
    }),
    [state, confirm, pick, settle, filters, entryId, setFilter],
  );
  return <DialogContext.Provider value={value}>{children}</DialogContext.Provider>;
}

export function useDialogManager(): DialogManagerValue {
  const value = useContext(DialogContext);
  if (!value) throw new Error('dialogs need a <DialogManager> above them (the App has one)');
  return value;
}

/** For screens: `const ok = await useDialogs().confirm({title, body, typeToConfirm})`. */
export function useDialogs(): DialogApi {
  const { confirm, pick, openOverlay, closeOverlay } = useDialogManager();
  return useMemo(
    () => ({ confirm, pick, openOverlay, closeOverlay }),
    [confirm, pick, openOverlay, closeOverlay],
  );
}
