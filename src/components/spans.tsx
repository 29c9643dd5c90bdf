/**
 * Styled runs of text that render inside one <Text>. Ink writes each <Text> to its output
 * separately (measure, wrap, clip, tokenize), so a table row drawn as one Text of spans costs a
 * fraction of a row of one Box and Text per cell; colours still come from theme tokens.
 */
import { Text } from 'ink';
import { Fragment, type ReactElement, type ReactNode } from 'react';
import { tokenStyle, type TextStyle, type Theme, type ThemeToken } from '../theme/tokens';
import { textWidth, truncate } from './text-fit';

/** Text in a token's style, or an inline element (a <Text>, never a <Box>) `width` columns wide. */
export type Span = { text: string; token?: ThemeToken } | { node: ReactElement; width: number };

export function spanWidth(span: Span): number {
  return 'node' in span ? span.width : textWidth(span.text);
}

/**
 * Cuts or pads `spans` to exactly `width` columns: the span that crosses the edge is truncated
 * with `…` (an element that does not fit is dropped), and the padding goes after them, or
 * before them when right-aligned.
 */
export function fitSpans(
  spans: readonly Span[],
  width: number,
  align: 'left' | 'right' = 'left',
): Span[] {
  const out: Span[] = [];
  let used = 0;
  for (const span of spans) {
    const w = spanWidth(span);
    if (used + w <= width) {
      if (w > 0) out.push(span);
      used += w;
      continue;
    }
    if (!('node' in span) && width - used > 0) {
      const cut = truncate(span.text, width - used);
      out.push(span.token ? { text: cut, token: span.token } : { text: cut });
      used += textWidth(cut);
    }
    break;
  }
  const pad = { text: ' '.repeat(Math.max(0, width - used)) };
  if (pad.text === '') return out;
  return align === 'right' ? [pad, ...out] : [...out, pad];
}

/** Styles under which a space looks like any other space: they change only the letters. */
const FOREGROUND = new Set(['color', 'dimColor', 'bold', 'italic']);

function foregroundOnly(theme: Theme, token: ThemeToken): boolean {
  return Object.keys(tokenStyle(theme, token)).every((k) => FOREGROUND.has(k));
}

/**
 * `spans` in as few runs as draw the same: neighbours of one style become one run, and so do
 * two runs of a token that colours only letters with nothing but spaces between them (a space
 * looks the same in any foreground colour). Each styled run is a nested <Text> that React and
 * Ink build on every frame; an undescribed service row's seven dim placeholders become one.
 */
export function mergeRuns(spans: readonly Span[], theme: Theme): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const last = out[out.length - 1];
    if (last && !('node' in last) && !('node' in span)) {
      if (last.token === span.token) {
        out[out.length - 1] = run(last.text + span.text, last.token);
        continue;
      }
      const next = spans[i + 1];
      if (
        last.token &&
        span.token === undefined &&
        next &&
        !('node' in next) &&
        next.token === last.token &&
        /^ *$/.test(span.text) &&
        foregroundOnly(theme, last.token)
      ) {
        out[out.length - 1] = run(last.text + span.text + next.text, last.token);
        i++;
        continue;
      }
    }
    out.push(span);
  }
  return out;
}

function run(text: string, token: ThemeToken | undefined): Span {
  return token === undefined ? { text } : { text, token };
}

/**
 * The children of a <Text> for `spans`: neighbouring plain runs merged into one string, styled
 * runs as nested Text. `override` (the selection's style) wins over each token's style, as a
 * selected row's text is drawn in the selection's colours; elements keep their own style.
 */
export function spanNodes(spans: readonly Span[], theme: Theme, override?: TextStyle): ReactNode[] {
  const nodes: ReactNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(plain);
    plain = '';
  };
  spans.forEach((span, i) => {
    if ('node' in span) {
      flush();
      nodes.push(<Fragment key={i}>{span.node}</Fragment>);
      return;
    }
    if (!span.token || span.text === '') {
      plain += span.text;
      return;
    }
    flush();
    nodes.push(
      <Text key={i} {...tokenStyle(theme, span.token)} {...override}>
        {span.text}
      </Text>,
    );
  });
  flush();
  return nodes;
}
