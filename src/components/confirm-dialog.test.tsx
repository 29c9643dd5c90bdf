import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders, type RenderedApp } from '../../test/helpers/render-app';
import { ConfirmDialog, wrapBody } from './confirm-dialog';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const LONG =
  'ECS-native has no "skip the remaining steps": later traffic steps, bakes and hooks run as configured; this continues the paused hook only';

describe('the confirm dialog shows what will happen in full', () => {
  it('wraps a long line at the panel width, keeping its indent, instead of cutting it', () => {
    const lines = wrapBody(['title line', `  ${LONG}`], 60);
    expect(lines[0]).toBe('title line');
    expect(lines.slice(1).every((l) => l.startsWith('  ') && l.length <= 56)).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.trim())
        .join(' '),
    ).toBe(LONG);
  });

  it('draws every word of a long line', async () => {
    const body = ['Continue the canary of web', `  ${LONG}`];
    app = renderWithProviders(
      <ConfirmDialog
        title="Promote web"
        body={body}
        danger="high"
        confirmLabel="promote"
        width={60}
        height={wrapBody(body, 60).length + 6}
      />,
    );
    const frame = await app.waitFor((f) => f.includes('Promote web'));
    const text = frame
      .split('\n')
      .map((l) => l.replace(/[│┌┐└┘─]/g, '').trim())
      .join(' ');
    expect(text).toContain('this continues the paused hook only');
    expect(frame).not.toContain('…');
  });
});
