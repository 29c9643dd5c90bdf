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

/** Never dropped while anything else can go: how to get help, get back and get out. */
const KEPT: ReadonlySet<string> = new Set(['global.help', 'global.back', 'global.quit']);

/**
 * Which hints go first when the footer is narrow: dimmed keys (they cannot act now), then the
 * other global keys (`:`, `/`), then the screen's own keys; help, back and quit stay.
 */
function priority(h: KeyHint): number {
  if (KEPT.has(h.id)) return 3;
  if (h.disabledReason !== undefined) return 0;
  return h.id.startsWith('global.') ? 1 : 2;
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
