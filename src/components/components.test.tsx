import { Box } from 'ink';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders, type RenderedApp } from '../../test/helpers/render-app';
import { useCommand } from '../keys/use-command';
import { Bar, barSegments } from './bar';
import { ErrorPanel } from './error-panel';
import { fitHints, KeyHints, type KeyHint } from './key-hints';
import { bottomEdgeAround, Panel, topEdge } from './panel';
import { sparkline } from './sparkline';
import { Spinner, SPINNER_FRAMES } from './spinner';
import { cycleTab } from '../hooks/use-tabs';
import { Tabs } from './tabs';
import { fit, truncate } from './text-fit';
import { WeightBar, weightCells } from './weight-bar';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

describe('pure helpers', () => {
  it('fits text to a width', () => {
    expect(truncate('production', 6)).toBe('produ…');
    expect(fit('api', 6)).toBe('api   ');
    expect(fit('12', 4, 'right')).toBe('  12');
  });

  it('splits a task bar into running, pending and missing cells', () => {
    expect(barSegments({ desired: 4, running: 2, pending: 1 }, 8)).toEqual({
      running: 4,
      pending: 2,
      missing: 2,
      extra: 0,
    });
    // one pending task of many still gets a cell
    expect(barSegments({ desired: 100, running: 99, pending: 1 }, 10).pending).toBe(1);
    expect(barSegments({ desired: 2, running: 4, pending: 0 }, 8).extra).toBe(2);
  });

  it('scales weights and sparklines', () => {
    expect(weightCells(25, 20)).toBe(5);
    expect(weightCells(150, 10)).toBe(10);
    expect(sparkline([0, 5, 10], 3)).toBe('▁▅█');
    expect(sparkline([1, 2], 4)).toBe('  ▅█');
  });

  it('draws a titled top edge exactly as wide as asked', () => {
    expect(topEdge('Clusters', 20)).toBe('┌─ Clusters ───────┐');
    expect([...topEdge('a very long title that cannot fit', 12)]).toHaveLength(12);
  });

  it('drops global hints before the screen keys when the footer is narrow', () => {
    const hints: KeyHint[] = [
      { id: 'global.help', key: '?', label: 'help' },
      { id: 'global.command', key: ':', label: 'command' },
      { id: 'service.deploy', key: 'd', label: 'deploy' },
      { id: 'global.quit', key: 'q', label: 'quit' },
    ];
    expect(fitHints(hints, 24).map((h) => h.id)).toEqual([
      'global.help',
      'service.deploy',
      'global.quit',
    ]);
  });

  it('drops dimmed hints first and keeps help, back and quit to the last', () => {
    const hints: KeyHint[] = [
      { id: 'global.help', key: '?', label: 'help' },
      { id: 'global.command', key: ':', label: 'command' },
      { id: 'monitor.promote', key: 'p', label: 'promote', disabledReason: 'no steps' },
      { id: 'monitor.rollback', key: 'R', label: 'roll back' },
      { id: 'monitor.pause', key: 'space', label: 'pause', disabledReason: 'nothing to pause' },
      { id: 'global.back', key: 'esc', label: 'back' },
      { id: 'global.quit', key: 'q', label: 'quit' },
    ];
    const ids = (width: number) => fitHints(hints, width).map((h) => h.id);
    expect(ids(50)).toEqual([
      'global.help',
      'global.command',
      'monitor.rollback',
      'global.back',
      'global.quit',
    ]);
    expect(ids(40)).toEqual(['global.help', 'monitor.rollback', 'global.back', 'global.quit']);
    expect(ids(26)).toEqual(['global.help', 'global.back', 'global.quit']);
  });

  it('draws a bottom edge with a label exactly as wide as asked', () => {
    expect(bottomEdgeAround(0, 10).join('')).toBe('└────────┘');
    const [before, after] = bottomEdgeAround(3, 12);
    expect(`${before}abc${after}`).toBe('└─ abc ────┘');
  });

  it('cycles tabs both ways', () => {
    const tabs = [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ];
    expect(cycleTab(tabs, 'b', 1)).toBe('a');
    expect(cycleTab(tabs, 'a', -1)).toBe('b');
  });
});

describe('components', () => {
  it('draws bars, weights, tabs, hints and panels as text', async () => {
    app = renderWithProviders(
      <Box flexDirection="column">
        <Bar desired={4} running={2} pending={1} width={14} />
        <WeightBar set={25} readBack={10} width={10} />
        <Tabs
          tabs={[
            { id: 'deployments', label: 'Deployments' },
            { id: 'tasks', label: 'Tasks' },
          ]}
          active="tasks"
        />
        <KeyHints
          width={60}
          hints={[
            { id: 'global.help', key: '?', label: 'help' },
            { id: 'service.watch', key: 'w', label: 'watch', disabledReason: 'no rollout' },
          ]}
        />
        <Panel title="Events" width={20} height={3}>
          <ErrorPanel message="access denied" />
        </Panel>
      </Box>,
    );
    const frame = await app.waitFor((f) => f.includes('Events'));
    expect(frame).toContain('████▒▒· 2/4 +1');
    expect(frame).toContain('█░░░░░░░░░ 10% (set 25%)');
    expect(frame).toContain(' Deployments  │ [Tasks]');
    expect(frame).toContain('? help  w watch');
    expect(frame).toContain('┌─ Events ─────────┐');
    expect(frame).toContain('│ ✕ access denied  │');
  });

  it('animates spinners on the shared app timer and stops it when none is shown', async () => {
    function Toggle() {
      const [on, setOn] = useState(true);
      useCommand('nav.open', () => setOn(false));
      return on ? <Spinner /> : null;
    }
    app = renderWithProviders(<Toggle />);
    await app.waitFor((f) => f.includes(SPINNER_FRAMES[0]));
    expect(app.timer.pending()).toBe(1);
    await app.advance(100);
    await app.waitFor((f) => f.includes(SPINNER_FRAMES[1]));
    await app.press('nav.open');
    await app.waitFor(() => expect(app!.timer.pending()).toBe(0));
  });
});
