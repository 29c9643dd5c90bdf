import { Text } from 'ink';
import { Fragment } from 'react';
import { formatKey } from '../keys/key-spec';
import { Styled } from './styled';
import { textWidth } from './text-fit';

export interface KeyHint {
  id: string;
  key: string;
  label: string;
  /** Set when the key cannot act now: drawn dimmed. */
  disabledReason?: string;
}

const SEP = '  ';

export function hintText(h: KeyHint): string {
  return `${formatKey(h.key)} ${h.label}`;
}

export function hintsWidth(hints: readonly KeyHint[]): number {
  return hints.reduce((sum, h, i) => sum + textWidth(hintText(h)) + (i > 0 ? SEP.length : 0), 0);
}

/** The screen's own keys matter most, then help and quit; the other global keys go first. */
function priority(h: KeyHint): number {
  if (!h.id.startsWith('global.')) return 3;
  return h.id === 'global.help' || h.id === 'global.quit' ? 2 : 1;
}

/** Drops the least useful hints (rightmost first among equals) until the rest fit `width`. */
export function fitHints(hints: readonly KeyHint[], width: number): KeyHint[] {
  const kept = [...hints];
  while (kept.length > 0 && hintsWidth(kept) > width) {
    let drop = kept.length - 1;
    for (let i = kept.length - 1; i >= 0; i -= 1) {
      if (priority(kept[i]!) < priority(kept[drop]!)) drop = i;
    }
    kept.splice(drop, 1);
  }
  return kept;
}

/** `? help  : command  d deploy` with keys in the key style; disabled ones dimmed. */
export function KeyHints({ hints, width }: { hints: readonly KeyHint[]; width: number }) {
  const shown = fitHints(hints, width);
  return (
    <Text wrap="truncate-end">
      {shown.map((h, i) => (
        <Fragment key={h.id}>
          {i > 0 ? SEP : ''}
          {h.disabledReason === undefined ? (
            <>
              <Styled token="ui.key">{formatKey(h.key)}</Styled> {h.label}
            </>
          ) : (
            <Styled token="ui.dim">{hintText(h)}</Styled>
          )}
        </Fragment>
      ))}
    </Text>
  );
}
