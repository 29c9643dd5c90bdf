/**
 * The engine's IoHost for the TUI: a confirmation is the shell's confirm dialog (a protected
 * service asks for its name), a message is the flash line. The headless CLI is the other host.
 */
import { useMemo, useRef } from 'react';
import type { DialogApi } from '../../app/dialog-manager';
import { useDialogs } from '../../app/dialog-manager';
import type { ConfirmRequest as DialogRequest } from '../../app/dialog-state';
import type { FlashStore } from '../../app/flash';
import { useFlash } from '../../app/flash-context';
import type { ConfirmRequest, DeployMessage, IoHost } from '../../deploy/io-host';

const VERBS = ['roll back', 'promote', 'abort', 'pause', 'resume', 'continue', 'deploy'];

/** The confirm key's verb, from the request's title: `Roll back api` -> `roll back`. */
export function confirmVerb(title: string): string {
  const lower = title.toLowerCase();
  return VERBS.find((v) => lower.startsWith(v)) ?? 'confirm';
}

export function dialogRequestOf(request: ConfirmRequest): DialogRequest {
  return {
    title: request.title,
    body: request.lines,
    // a deployment changes a running service; rollback, abort and promote move live traffic
    danger: request.dangerous ? 'high' : 'medium',
    confirmLabel: confirmVerb(request.title),
    ...(request.typeToConfirm !== undefined ? { typeToConfirm: request.typeToConfirm } : {}),
  };
}

export function createTuiIoHost(
  dialogs: Pick<DialogApi, 'confirm'>,
  flash: Pick<FlashStore, 'info' | 'warn' | 'show'>,
  onMessage?: (message: DeployMessage) => void,
): IoHost {
  return {
    notify(message) {
      onMessage?.(message);
      switch (message.level) {
        case 'debug':
          return;
        case 'error':
          flash.show('error', message.text);
          return;
        case 'warn':
          flash.warn(message.text);
          return;
        case 'info':
        case 'result':
          flash.info(message.text);
      }
    },
    confirm: (request) => dialogs.confirm(dialogRequestOf(request)),
  };
}

/** The TUI host for this screen; `onMessage` sees every message (progress lines). */
export function useTuiIoHost(onMessage?: (message: DeployMessage) => void): IoHost {
  const dialogs = useDialogs();
  const flash = useFlash();
  const listener = useRef(onMessage);
  listener.current = onMessage;
  return useMemo(
    () => createTuiIoHost(dialogs, flash, (m) => listener.current?.(m)),
    [dialogs, flash],
  );
}
