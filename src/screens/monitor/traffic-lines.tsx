/**
 * The monitor's Traffic rows: which side of which route (`production · blue`, `stable`), the
 * target group, the weight as a bar, target health. The columns are sized once for all rows
 * from what they hold and the width there is: a wide terminal shows whole target-group names,
 * a narrow one cuts the name and the health before the label and the weight.
 */
import { Box, Text } from 'ink';
import { Styled } from '../../components/styled';
import { textWidth, truncate } from '../../components/text-fit';
import { WeightBar } from '../../components/weight-bar';
import type { TrafficRow } from '../../deploy/types';
import { trafficHealth } from './monitor-text';

export interface TrafficColumns {
  label: number;
  /** 0 when there is no room for the name at all. */
  name: number;
  bar: number;
  /** The bar, ` 100%` and, when a row reads back other than set, ` (set 100%)`; 0 when no row has a weight. */
  weight: number;
}

/** ` 33.3%` and a space. */
const PERCENT_TEXT = 7;
/** ` (set 33.3%)`. */
const SET_TEXT = 12;
/** What the health column keeps before the name gives up room: `3 healthy · 0 un…`. */
const HEALTH_MIN = 16;
const MIN_NAME = 6;

/**
 * A row's label, with its route when the rows span more than one (native blue/green has
 * production and test rules; CodeDeploy's labels already say which).
 */
export function trafficLabel(row: TrafficRow, rows: readonly TrafficRow[]): string {
  const routes = new Set(rows.map((r) => r.route).filter(Boolean));
  if (!row.route || routes.size < 2 || row.label.includes(row.route)) return row.label;
  return `${row.route} · ${row.label}`;
}

export function weightOf(row: TrafficRow): number | undefined {
  return row.setWeight ?? row.actualWeight;
}

export function trafficColumns(rows: readonly TrafficRow[], width: number): TrafficColumns {
  const widest = (texts: string[]) => Math.max(0, ...texts.map(textWidth));
  // labels are short and say what the row is: they keep their room, up to a quarter
  const label = Math.min(
    widest(rows.map((r) => trafficLabel(r, rows))) + 2,
    Math.max(8, Math.floor(width / 4)),
  );
  const nameWant = widest(rows.map((r) => r.targetGroupName)) + 2;
  const weighted = rows.some((r) => weightOf(r) !== undefined);
  const drift = rows.some(
    (r) =>
      r.setWeight !== undefined && r.actualWeight !== undefined && r.setWeight !== r.actualWeight,
  );
  const text = PERCENT_TEXT + (drift ? SET_TEXT : 0);
  // the bar grows to 20 cells when everything else has its room
  const bar = weighted ? Math.max(6, Math.min(20, width - label - nameWant - text - 36)) : 0;
  const weight = weighted ? bar + text : 0;
  const room = width - label - weight - HEALTH_MIN;
  const name = Math.min(nameWant, room) >= MIN_NAME ? Math.min(nameWant, room) : 0;
  return { label, name, bar, weight };
}

export function TrafficLines({
  rows,
  width,
  height,
}: {
  rows: readonly TrafficRow[];
  width: number;
  height: number;
}) {
  const columns = trafficColumns(rows, width);
  return (
    <>
      {rows.slice(0, height).map((row, i) => (
        <TrafficLine
          key={i}
          row={row}
          label={trafficLabel(row, rows)}
          columns={columns}
          width={width}
        />
      ))}
    </>
  );
}

function TrafficLine({
  row,
  label,
  columns,
  width,
}: {
  row: TrafficRow;
  label: string;
  columns: TrafficColumns;
  width: number;
}) {
  const weight = weightOf(row);
  return (
    <Box width={width} height={1} overflow="hidden">
      <Box width={columns.label} flexShrink={0}>
        <Styled token="ui.title" wrap="truncate-end">
          {truncate(label, columns.label - 1)}
        </Styled>
      </Box>
      {columns.name > 0 ? (
        <Box width={columns.name} flexShrink={0}>
          <Text wrap="truncate-end">{truncate(row.targetGroupName, columns.name - 1)}</Text>
        </Box>
      ) : null}
      {columns.weight > 0 ? (
        <Box width={columns.weight} flexShrink={0}>
          {weight !== undefined ? (
            <WeightBar
              set={weight}
              {...(row.actualWeight !== undefined ? { readBack: row.actualWeight } : {})}
              width={columns.bar}
            />
          ) : null}
        </Box>
      ) : null}
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Styled token={row.unhealthy > 0 ? 'status.warn' : 'ui.dim'} wrap="truncate-end">
          {trafficHealth(row)}
        </Styled>
      </Box>
    </Box>
  );
}
