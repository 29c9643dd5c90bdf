import { describe, expect, it } from 'vitest';
import { mainAreaSize } from '../../app/layout';
import { busyView } from '../shared/testing/fake-rollout';
import { allocate, planMonitorLayout, type MonitorLayout } from './monitor-layout';

const total = (layout: MonitorLayout) =>
  Math.max(...layout.columns.map((c) => c.panels.reduce((sum, p) => sum + p.height, 0)));

describe('monitor layout', () => {
  it('80x24: one column, never taller than the area, lowest-priority panels dropped first', () => {
    const area = mainAreaSize(80, 24);
    expect(area).toEqual({ columns: 78, rows: 18 });
    const layout = planMonitorLayout(busyView(), area);
    expect(layout.columns).toHaveLength(1);
    expect(layout.headerRows + total(layout)).toBe(18);
    const ids = layout.columns[0]!.panels.map((p) => p.id);
    expect(ids.slice(0, 2)).toEqual(['deployments', 'stages']);
    expect(ids).toContain('events');
    expect(layout.dropped).toEqual(['gates', 'metrics']);
  });

  it('200x60: two columns, shape on the left, events and stopped tasks on the right, nothing dropped', () => {
    const area = mainAreaSize(200, 60);
    const layout = planMonitorLayout(busyView(), area);
    expect(layout.columns.map((c) => c.panels.map((p) => p.id))).toEqual([
      ['deployments', 'stages', 'traffic', 'gates', 'metrics'],
      ['events', 'stopped'],
    ]);
    expect(layout.dropped).toEqual([]);
    expect(layout.columns[0]!.width + layout.columns[1]!.width + 2).toBe(area.columns);
    for (const c of layout.columns)
      expect(c.panels.reduce((s, p) => s + p.height, 0)).toBeLessThanOrEqual(
        area.rows - layout.headerRows,
      );
  });

  it('gives each panel its minimum first, then grows by priority; spare rows go to events', () => {
    const { panels, dropped } = allocate(
      [
        { id: 'deployments', min: 4, want: 6 },
        { id: 'events', min: 3, want: 10 },
        { id: 'metrics', min: 2, want: 3 },
      ],
      8,
    );
    expect(dropped).toEqual(['metrics']);
    expect(panels).toEqual([
      { id: 'deployments', height: 5 },
      { id: 'events', height: 3 },
    ]);
    expect(
      allocate(
        [
          { id: 'deployments', min: 4, want: 5 },
          { id: 'events', min: 3, want: 4 },
        ],
        20,
      ).panels,
    ).toEqual([
      { id: 'deployments', height: 5 },
      { id: 'events', height: 15 },
    ]);
  });

  it('a tiny area still shows the deployments, cut to fit', () => {
    const { panels } = allocate([{ id: 'deployments', min: 5, want: 7 }], 2);
    expect(panels).toEqual([{ id: 'deployments', height: 2 }]);
  });
});
