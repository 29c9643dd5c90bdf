import { describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { createElement } from 'react';
import type { Span } from '../spans';
import { asciiStandIns } from './stand-ins';

const joined = (spans: readonly Span[]) => spans.map((s) => ('text' in s ? s.text : '')).join('');
const ASCII = /^[\x20-\x7e]*$/;

describe('asciiStandIns', () => {
  it('draws a row of placeholders, bars and the cursor in ASCII and restores it when written', () => {
    const spans: Span[] = [
      { text: '› ' },
      { text: 'orders-api-blue-gree…', token: 'ui.dim' },
      { text: ' ' },
      { text: '████', token: 'status.ok' },
      { text: '▒', token: 'status.warn' },
      { text: '··  ', token: 'ui.dim' },
      { text: ' 4/6 +1 …' },
    ];
    const ascii = asciiStandIns(spans)!;
    expect(ascii).toBeDefined();
    const drawn = joined(ascii.spans);
    expect(drawn).toMatch(ASCII);
    expect(drawn).toHaveLength(joined(spans).length);
    expect(ascii.restore(drawn)).toBe(joined(spans));
    // tokens stay with their runs
    expect(ascii.spans.map((s) => ('token' in s ? s.token : undefined))).toEqual(
      spans.map((s) => ('token' in s ? s.token : undefined)),
    );
  });

  it('never uses a character the row contains, and leaves colour codes alone', () => {
    const original = 'img~1^2`3 …';
    const spans: Span[] = [{ text: original }];
    const ascii = asciiStandIns(spans)!;
    const drawn = joined(ascii.spans);
    expect(drawn.slice(0, 9)).toBe('img~1^2`3');
    expect(drawn[10]).not.toMatch(/[~^`]/);
    const line = `\x1b[2m${drawn}\x1b[22m\x1b[38;5;245m${drawn}\x1b[39m`;
    expect(ascii.restore(line)).toBe(`\x1b[2m${original}\x1b[22m\x1b[38;5;245m${original}\x1b[39m`);
  });

  it('leaves rows alone that are ASCII already or cannot be mapped safely', () => {
    expect(asciiStandIns([{ text: 'api  ACTIVE  ROLLING' }])).toBeUndefined();
    // an element draws its own text, which is not ours to map
    expect(
      asciiStandIns([{ text: '…' }, { node: createElement(Text, null, '⠋'), width: 1 }]),
    ).toBeUndefined();
    // characters of unknown width
    expect(asciiStandIns([{ text: 'café …' }])).toBeUndefined();
    expect(asciiStandIns([{ text: '注文 …' }])).toBeUndefined();
    // every stand-in taken
    expect(asciiStandIns([{ text: '~^`|{}#@$%&*=<>!?"\'\\ …' }])).toBeUndefined();
  });

  it('gives rows that map the same glyphs the same restore function', () => {
    const a = asciiStandIns([{ text: 'api …' }])!;
    const b = asciiStandIns([{ text: 'web …', token: 'ui.dim' }])!;
    expect(a.restore).toBe(b.restore);
  });
});
