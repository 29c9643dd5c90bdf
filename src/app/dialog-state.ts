/**
 * What covers the screen, without React: at most one overlay (help, palette, filter) and a
 * stack of dialogs (confirm, picker) that answer promises. Only the dialog manager changes it.
 */
import type { DangerLevel } from '../components/confirm-dialog';

export type OverlayKind = 'none' | 'help' | 'palette' | 'filter';

export interface ConfirmRequest {
  title: string;
  /** What will happen, one line each: the calls, the revision, the weights. */
  body: readonly string[];
  /** Default `high`: confirmations guard changes to live services. */
  danger?: DangerLevel;
  /** The verb on the confirm key: `deploy`, `roll back` (default `confirm`). */
  confirmLabel?: string;
  /** For protected services: the person must type this name to confirm. */
  typeToConfirm?: string;
}

export interface PickRequest {
  title: string;
  /** What the question is about, above the choices (wrapped to the dialog). */
  body?: readonly string[];
  items: readonly string[] | (() => readonly string[] | Promise<readonly string[]>);
  /** The value in use, marked in the list and selected first. */
  current?: string | undefined;
}

export type PendingDialog =
  | { id: number; kind: 'confirm'; request: ConfirmRequest; resolve: (ok: boolean) => void }
  | {
      id: number;
      kind: 'pick';
      request: PickRequest;
      resolve: (value: string | undefined) => void;
    };

export interface DialogState {
  overlay: OverlayKind;
  dialogs: readonly PendingDialog[];
}

export type DialogAction =
  | { type: 'open-overlay'; overlay: Exclude<OverlayKind, 'none'> }
  | { type: 'close-overlay' }
  | { type: 'push-dialog'; dialog: PendingDialog }
  | { type: 'remove-dialog'; id: number };

export const initialDialogState: DialogState = { overlay: 'none', dialogs: [] };

export function dialogReducer(state: DialogState, action: DialogAction): DialogState {
  switch (action.type) {
    case 'open-overlay':
      return { ...state, overlay: action.overlay };
    case 'close-overlay':
      return state.overlay === 'none' ? state : { ...state, overlay: 'none' };
    case 'push-dialog':
      return { ...state, dialogs: [...state.dialogs, action.dialog] };
    case 'remove-dialog':
      return { ...state, dialogs: state.dialogs.filter((d) => d.id !== action.id) };
  }
}

/** The screen is hidden behind a dialog or a full overlay (the filter bar leaves it visible). */
export function coversScreen(state: DialogState): boolean {
  return state.dialogs.length > 0 || state.overlay === 'help' || state.overlay === 'palette';
}
