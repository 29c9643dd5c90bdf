import { TextInput } from '../../components/text-input';
import { Styled } from '../../components/styled';
import { truncate } from '../../components/text-fit';
import { useTextInput } from '../../hooks/use-text-input';
import { useCommand } from '../../keys/use-command';
import { useDialogManager } from '../dialog-manager';

/** Editing the `/` filter on the breadcrumb line: the screen filters as you type. */
export function FilterEditor({ width }: { width: number }) {
  const { filter, setFilter, closeOverlay } = useDialogManager();
  const input = useTextInput(filter, setFilter);
  useCommand('dialog.confirm', closeOverlay);
  useCommand('dialog.cancel', () => {
    setFilter('');
    closeOverlay();
  });
  return <TextInput value={input.value} cursor={input.cursor} width={width} prompt="/" />;
}

/** A filter in force, shown after it was applied; esc on the screen clears it. */
export function FilterBadge({ filter, width }: { filter: string; width: number }) {
  return <Styled token="status.info">{truncate(`/${filter} (esc clears) `, width)}</Styled>;
}
