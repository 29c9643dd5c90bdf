import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { placeholderScreens } from '../../test/helpers/placeholder-screens';
import { renderShell, renderWithProviders, type RenderedApp } from '../../test/helpers/render-app';
import { StepView } from '../screens/deploy-wizard/step-view';
import { useWizard } from '../screens/deploy-wizard/use-wizard';
import type { WizardDef } from '../screens/deploy-wizard/wizard-model';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const TEXT = 'the-quick-brown-fox-jumps-over';

/**
 * One read of many keys (a paste, `tmux send-keys`, a fast typist), written before the app
 * gets a turn. The dispatcher plays such a read key by key, each after the last one rendered.
 */
function burst(a: RenderedApp, text: string): void {
  a.stdin.write(text);
}

describe('a burst of typed keys', () => {
  it(`lands whole in the / filter (${TEXT.length} characters)`, async () => {
    expect(TEXT).toHaveLength(30);
    // the screen filters by substring: only the whole text leaves the first name alone
    const prefix = TEXT.slice(0, -1);
    app = renderShell(
      { screens: placeholderScreens([TEXT, prefix, 'another-cluster']) },
      { columns: 100, rows: 30 },
    );
    await app.waitFor((f) => f.includes('another-cluster'));
    await app.press('global.filter');
    await app.waitFor((f) => (f.split('\n')[1] ?? '').trimEnd().endsWith('/'));
    burst(app, TEXT);
    // the field scrolls to keep the cursor in its 32 cells
    const frame = await app.waitFor((f) => (f.split('\n')[1] ?? '').includes(TEXT.slice(1)));
    expect(frame).not.toContain('another-cluster');
    expect(frame).toContain(`› ${TEXT}`);
    expect(frame).not.toMatch(new RegExp(`${prefix}\\s`));
  });

  it('lands whole in the command palette', async () => {
    const line = 'svc the-quick-brown-fox/orders';
    expect(line).toHaveLength(30);
    app = renderShell({ screens: placeholderScreens() }, { columns: 100, rows: 30 });
    await app.waitFor((f) => f.includes('cluster-0000'));
    await app.press('global.command');
    await app.waitFor((f) => f.includes('─ command ─'));
    burst(app, line);
    await app.waitFor((f) => f.includes(`:${line}`));
  });

  it('lands whole in a wizard text field, and in its answer', async () => {
    const def: WizardDef<null> = {
      steps: [
        {
          id: 'image',
          title: 'Image',
          fields: [{ id: 'image', kind: 'text', label: 'Image', placeholder: ':tag' }],
        },
      ],
    };
    function Wizard() {
      const wizard = useWizard(def, null);
      return (
        <>
          <StepView wizard={wizard} width={80} height={6} isActive />
          <Text>{`answer:${String(wizard.state.answers['image'] ?? '')}`}</Text>
        </>
      );
    }
    app = renderWithProviders(<Wizard />);
    await app.waitFor((f) => f.includes('› Image'));
    burst(app, TEXT);
    const frame = await app.waitFor((f) => f.includes(`answer:${TEXT}`));
    expect(frame).toMatch(new RegExp(`› Image\\s+${TEXT}`));
  });
});
