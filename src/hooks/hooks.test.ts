import { describe, expect, it } from 'vitest';
import { clampWindow, moveWindow } from './list-window';
import { editText, textEditFor } from './text-edit';
import { readSize } from './use-terminal-size';

describe('list window', () => {
  it('keeps the selection inside the list and the window', () => {
    expect(clampWindow({ selected: 50, offset: 0 }, 10, 5)).toEqual({ selected: 9, offset: 5 });
    expect(clampWindow({ selected: 3, offset: 8 }, 100, 5)).toEqual({ selected: 3, offset: 3 });
    expect(clampWindow({ selected: 4, offset: 0 }, 0, 5)).toEqual({ selected: 0, offset: 0 });
  });

  it('moves by row, page and to the ends', () => {
    const start = { selected: 0, offset: 0 };
    expect(moveWindow(start, { type: 'up' }, 10, 5)).toEqual(start);
    expect(moveWindow(start, { type: 'bottom' }, 10, 5)).toEqual({ selected: 9, offset: 5 });
    expect(moveWindow({ selected: 9, offset: 5 }, { type: 'top' }, 10, 5)).toEqual(start);
    expect(moveWindow(start, { type: 'page-down' }, 100, 5)).toEqual({ selected: 4, offset: 4 });
    expect(moveWindow({ selected: 4, offset: 4 }, { type: 'page-up' }, 100, 5)).toEqual(start);
  });
});

describe('text editing', () => {
  it('inserts at the cursor, deletes before it, and moves', () => {
    let f = { value: '', cursor: 0 };
    f = editText(f, { type: 'insert', text: 'ap' });
    f = editText(f, { type: 'insert', text: 'i' });
    expect(f).toEqual({ value: 'api', cursor: 3 });
    f = editText(f, { type: 'left' });
    f = editText(f, { type: 'backspace' });
    expect(f).toEqual({ value: 'ai', cursor: 1 });
    f = editText(f, { type: 'home' });
    expect(editText(f, { type: 'backspace' })).toBe(f);
    expect(editText(f, { type: 'end' }).cursor).toBe(2);
  });

  it('keeps a pasted newline from breaking the line', () => {
    expect(editText({ value: '', cursor: 0 }, { type: 'insert', text: 'a\nb' }).value).toBe('a b');
  });

  it('maps keys to edits and leaves enter, esc and tab to the commands', () => {
    expect(textEditFor('q', 'q')).toEqual({ type: 'insert', text: 'q' });
    expect(textEditFor(' ', 'space')).toEqual({ type: 'insert', text: ' ' });
    expect(textEditFor('', 'backspace')).toEqual({ type: 'backspace' });
    expect(textEditFor('', 'enter')).toBeUndefined();
    expect(textEditFor('', 'esc')).toBeUndefined();
    expect(textEditFor('', 'tab')).toBeUndefined();
    expect(textEditFor('p', 'ctrl+p')).toBeUndefined();
    expect(textEditFor('pasted text', undefined)).toEqual({ type: 'insert', text: 'pasted text' });
  });
});

describe('terminal size', () => {
  it('falls back to 80x24 for a stream without a size', () => {
    expect(readSize({})).toEqual({ columns: 80, rows: 24 });
    expect(readSize({ columns: 120, rows: 40 })).toEqual({ columns: 120, rows: 40 });
  });
});

describe('tabs', () => {
  it('cycles both ways and wraps', async () => {
    const { cycleTab } = await import('./use-tabs');
    const tabs = [{ id: 'deployments' }, { id: 'tasks' }, { id: 'events' }] as const;
    expect(cycleTab(tabs, 'events', 1)).toBe('deployments');
    expect(cycleTab(tabs, 'deployments', -1)).toBe('events');
  });
});
