/**
 * Which panels of the monitor fit, and how tall each is. The header and deployments always
 * show; below them panels come in by priority (stages, events, stopped tasks, traffic, gates,
 * metrics) and the lowest go first when the terminal is small. Wide terminals get two
 * columns: the rollout's shape on the left, what happened (events, stopped tasks) on the right.
 * Never taller than the area.
 */
import type { RolloutView } from '../../deploy/types';

export type PanelId =
  'deployments' | 'stages' | 'traffic' | 'gates' | 'metrics' | 'events' | 'stopped';

export interface PanelPlan {
  id: PanelId;
  /** Rows including its title line. */
  height: number;
}

export interface ColumnPlan {
  width: number;
  panels: PanelPlan[];
}

export interface MonitorLayout {
  headerRows: number;
  columns: ColumnPlan[];
  /** Panels with something to show that did not fit. */
  dropped: PanelId[];
}

interface Want {
  id: PanelId;
  min: number;
  want: number;
}

/** Highest priority first: what goes last when rows run out (stopped tasks say why it fails). */
const PRIORITY: readonly PanelId[] = [
  'deployments',
  'stages',
  'events',
  'stopped',
  'traffic',
  'gates',
  'metrics',
];
/** Top to bottom on screen. */
const ORDER: readonly PanelId[] = [
  'deployments',
  'stages',
  'traffic',
  'gates',
  'metrics',
  'events',
  'stopped',
];
const RIGHT: ReadonlySet<PanelId> = new Set(['events', 'stopped']);

export const HEADER_ROWS = 3;
export const TWO_COLUMNS_FROM = 150;
const GAP = 2;

function wants(view: RolloutView): Want[] {
  const list: Want[] = [];
  const deployRows = Math.max(1, view.deployments.length) + 1 + (view.circuitBreaker ? 1 : 0);
  // every deployment row matters (old and new side by side), up to a handful
  list.push({ id: 'deployments', min: 1 + Math.min(deployRows, 6), want: 1 + deployRows });
  const stageRows = view.stages.length + view.hooks.length;
  if (stageRows > 0)
    list.push({ id: 'stages', min: 1 + Math.min(stageRows, 2), want: 1 + stageRows });
  if (view.traffic.length > 0) list.push({ id: 'traffic', min: 2, want: 1 + view.traffic.length });
  if (view.gates.length > 0) list.push({ id: 'gates', min: 2, want: 1 + view.gates.length });
  if (view.metrics.length > 0) list.push({ id: 'metrics', min: 2, want: 1 + view.metrics.length });
  // events always show, "no events yet" included; they take whatever is left
  list.push({ id: 'events', min: 3, want: 1 + Math.max(1, view.events.length) });
  if (view.stoppedTasks.length > 0)
    list.push({ id: 'stopped', min: 2, want: 1 + view.stoppedTasks.length });
  return list;
}

/** Fits panels into `height` rows: by priority at their minimum, then grown by priority. */
export function allocate(
  list: readonly Want[],
  height: number,
): { panels: PanelPlan[]; dropped: PanelId[] } {
  const byPriority = [...list].sort((a, b) => PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id));
  const kept: Want[] = [];
  const dropped: PanelId[] = [];
  let used = 0;
  for (const w of byPriority) {
    // the first panel is cut to the room there is rather than dropped
    const min = kept.length === 0 ? Math.min(w.min, height) : w.min;
    if (used + min <= height && min > 0) {
      kept.push({ ...w, min });
      used += min;
    } else dropped.push(w.id);
  }
  const heights = new Map(kept.map((w) => [w.id, w.min]));
  let spare = height - used;
  for (const w of kept) {
    const grow = Math.min(spare, w.want - w.min);
    heights.set(w.id, w.min + grow);
    spare -= grow;
  }
  // rows still left go to the events, which always have more history to show
  if (spare > 0 && heights.has('events')) heights.set('events', heights.get('events')! + spare);
  const panels = ORDER.filter((id) => heights.has(id)).map((id) => ({
    id,
    height: heights.get(id)!,
  }));
  return { panels, dropped };
}

export function planMonitorLayout(
  view: RolloutView,
  size: { columns: number; rows: number },
): MonitorLayout {
  const body = Math.max(0, size.rows - HEADER_ROWS);
  const list = wants(view);
  if (size.columns < TWO_COLUMNS_FROM) {
    const { panels, dropped } = allocate(list, body);
    return { headerRows: HEADER_ROWS, columns: [{ width: size.columns, panels }], dropped };
  }
  const leftWidth = Math.floor((size.columns - GAP) * 0.55);
  const left = allocate(
    list.filter((w) => !RIGHT.has(w.id)),
    body,
  );
  const right = allocate(
    list.filter((w) => RIGHT.has(w.id)),
    body,
  );
  return {
    headerRows: HEADER_ROWS,
    columns: [
      { width: leftWidth, panels: left.panels },
      { width: size.columns - GAP - leftWidth, panels: right.panels },
    ],
    dropped: [...left.dropped, ...right.dropped],
  };
}

export const COLUMN_GAP = GAP;
