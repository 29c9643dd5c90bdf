import { Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { defaultTheme, noColorTheme } from '../theme/tokens';
import { mergeRuns, type Span } from './spans';

const text = (spans: readonly Span[]) => spans.map((s) => ('text' in s ? s.text : '')).join('');

describe('mergeRuns', () => {
  it('makes one run of neighbours in the same style', () => {
    const spans: Span[] = [
      { text: 'api' },
      { text: '  ' },
      { text: '██', token: 'status.ok' },
      { text: '█', token: 'status.ok' },
      { text: ' 3/3' },
    ];
    expect(mergeRuns(spans, defaultTheme)).toEqual([
      { text: 'api  ' },
      { text: '███', token: 'status.ok' },
      { text: ' 3/3' },
    ]);
  });

  it('joins the dim placeholders of an undescribed row across the spaces between them', () => {
    const spans: Span[] = [
      { text: '  svc-0001   ' },
      { text: '…       ', token: 'ui.dim' },
      { text: ' ' },
      { text: '…             ', token: 'ui.dim' },
      { text: ' ' },
      { text: '       …', token: 'ui.dim' },
    ];
    for (const theme of [defaultTheme, noColorTheme]) {
      const runs = mergeRuns(spans, theme);
      expect(runs).toEqual([
        { text: '  svc-0001   ' },
        { text: '…        …                     …', token: 'ui.dim' },
      ]);
      expect(text(runs)).toBe(text(spans));
    }
  });

  it('keeps spaces out of a style that shows on a space, and text and elements apart', () => {
    // a background (the default theme's badge) or inverse (no-colour) colours a space too
    const badge: Span[] = [
      { text: 'A', token: 'ui.badge' },
      { text: ' ' },
      { text: 'B', token: 'ui.badge' },
    ];
    expect(mergeRuns(badge, defaultTheme)).toHaveLength(3);
    expect(mergeRuns(badge, noColorTheme)).toHaveLength(3);
    // plain text between two dim runs is not a space
    expect(
      mergeRuns(
        [{ text: '…', token: 'ui.dim' }, { text: ' x ' }, { text: '…', token: 'ui.dim' }],
        defaultTheme,
      ),
    ).toHaveLength(3);
    const node = { node: <Text>x</Text>, width: 1 };
    expect(mergeRuns([{ text: 'a' }, node, { text: 'b' }], defaultTheme)).toEqual([
      { text: 'a' },
      node,
      { text: 'b' },
    ]);
  });
});
