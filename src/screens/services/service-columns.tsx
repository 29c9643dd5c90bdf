/** The columns of the services table; cells come from src/present/service-rows. */
import { Text } from 'ink';
import { barSpans } from '../../components/bar';
import { Spinner } from '../../components/spinner';
import { spanNodes, type Span } from '../../components/spans';
import type { Column } from '../../components/table';
import { truncate } from '../../components/text-fit';
import type { RolloutStateLabel } from '../../present/rollout-state';
import type { ServiceRow } from '../../present/service-rows';
import { PLACEHOLDER } from '../../present/tokens';
import { useTheme } from '../../theme/theme-context';

/** `⠋ in progress` while a rollout moves, `failed` in red, `completed` plainly. */
export function rolloutSpans(rollout: RolloutStateLabel, width: number): Span[] {
  if (!rollout.spinner) return [{ text: truncate(rollout.label, width), token: rollout.token }];
  return [
    { node: <Spinner token={rollout.token} />, width: 1 },
    { text: ' ' },
    { text: truncate(rollout.label, Math.max(0, width - 2)), token: rollout.token },
  ];
}

/** The rollout state inside a line of text (the service detail's header). */
export function RolloutCell({ rollout, width }: { rollout: RolloutStateLabel; width: number }) {
  const theme = useTheme();
  return <Text wrap="truncate-end">{spanNodes(rolloutSpans(rollout, width), theme)}</Text>;
}

export const SERVICE_COLUMNS: readonly Column<ServiceRow>[] = [
  { key: 'name', title: 'NAME', flex: 3, minWidth: 12, cell: (r) => r.name },
  {
    key: 'status',
    title: 'STATUS',
    width: 8,
    cell: (r) => ({ text: r.status, token: r.statusToken }),
  },
  {
    key: 'tasks',
    title: 'TASKS',
    width: 14,
    cell: (r, width) =>
      r.desired === undefined
        ? { text: PLACEHOLDER, token: 'ui.dim' }
        : {
            spans: barSpans({
              desired: r.desired,
              running: r.running ?? 0,
              pending: r.pending ?? 0,
              width,
            }),
          },
  },
  { key: 'controller', title: 'STRATEGY', width: 15, cell: (r) => r.controller },
  { key: 'taskdef', title: 'TASK DEF', flex: 2, minWidth: 8, cell: (r) => r.taskDefinition },
  { key: 'image', title: 'IMAGE', flex: 2, minWidth: 8, cell: (r) => r.image },
  {
    key: 'rollout',
    title: 'ROLLOUT',
    width: 14,
    cell: (r, width) => ({ spans: rolloutSpans(r.rollout, width) }),
  },
  { key: 'age', title: 'DEPLOYED', width: 8, align: 'right', cell: (r) => r.age },
];
