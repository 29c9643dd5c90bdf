/** The columns of the services table; cells come from src/present/service-rows. */
import { Text } from 'ink';
import { Bar } from '../../components/bar';
import { Spinner } from '../../components/spinner';
import { Styled } from '../../components/styled';
import type { Column } from '../../components/table';
import { truncate } from '../../components/text-fit';
import type { RolloutStateLabel } from '../../present/rollout-state';
import type { ServiceRow } from '../../present/service-rows';
import { PLACEHOLDER } from '../../present/tokens';

/** `⠋ in progress` while a rollout moves, `failed` in red, `completed` plainly. */
export function RolloutCell({ rollout, width }: { rollout: RolloutStateLabel; width: number }) {
  if (!rollout.spinner) {
    return (
      <Styled token={rollout.token} wrap="truncate-end">
        {truncate(rollout.label, width)}
      </Styled>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Spinner token={rollout.token} />{' '}
      <Styled token={rollout.token}>{truncate(rollout.label, Math.max(0, width - 2))}</Styled>
    </Text>
  );
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
      r.desired === undefined ? (
        { text: PLACEHOLDER, token: 'ui.dim' }
      ) : (
        <Bar desired={r.desired} running={r.running ?? 0} pending={r.pending ?? 0} width={width} />
      ),
  },
  { key: 'controller', title: 'STRATEGY', width: 15, cell: (r) => r.controller },
  { key: 'taskdef', title: 'TASK DEF', flex: 2, minWidth: 8, cell: (r) => r.taskDefinition },
  { key: 'image', title: 'IMAGE', flex: 2, minWidth: 8, cell: (r) => r.image },
  {
    key: 'rollout',
    title: 'ROLLOUT',
    width: 14,
    cell: (r, width) => <RolloutCell rollout={r.rollout} width={width} />,
  },
  { key: 'age', title: 'DEPLOYED', width: 8, align: 'right', cell: (r) => r.age },
];
