import { Box } from 'ink';
import { useState } from 'react';
import { ConfirmDialog, wrapBody } from '../../components/confirm-dialog';
import { useTextInput } from '../../hooks/use-text-input';
import { useCommand } from '../../keys/use-command';
import type { AreaSize } from '../screens';
import { useDialogManager } from '../dialog-manager';
import type { PendingDialog } from '../dialog-state';

type ConfirmDialogEntry = Extract<PendingDialog, { kind: 'confirm' }>;

/** Keys for a confirmation: enter/y or esc/n; a protected service needs its name typed. */
export function ConfirmController({
  dialog,
  size,
}: {
  dialog: ConfirmDialogEntry;
  size: AreaSize;
}) {
  const { settle } = useDialogManager();
  const { request } = dialog;
  const [typed, setTyped] = useState('');
  const needsName = request.typeToConfirm !== undefined;
  // with a name to type, y and n are letters of the name, not answers
  const input = useTextInput(typed, setTyped, { isActive: needsName });
  const matches = !needsName || typed === request.typeToConfirm;
  useCommand('dialog.confirm', () => settle(dialog, true), {
    disabledReason: matches ? undefined : `type ${request.typeToConfirm} first`,
  });
  useCommand('dialog.cancel', () => settle(dialog, false));

  // wide enough for most lines on a wide terminal; the rest wrap
  const width = Math.min(size.columns, 100);
  const height = Math.min(size.rows, wrapBody(request.body, width).length + (needsName ? 8 : 6));
  return (
    <Box width={size.columns} height={size.rows} justifyContent="center" alignItems="center">
      <ConfirmDialog
        title={request.title}
        body={request.body}
        danger={request.danger ?? 'high'}
        confirmLabel={request.confirmLabel ?? 'confirm'}
        typeToConfirm={request.typeToConfirm}
        typed={input.value}
        cursor={input.cursor}
        width={width}
        height={height}
      />
    </Box>
  );
}
