/**
 * Two lines about the service above the tabs: status, controller and strategy, tasks as a bar
 * with their counts; then task definition, image (tag and digest), rollout state and age.
 */
import { Box, Text } from 'ink';
import type { Service, TaskDefinition } from '../../aws';
import { Bar } from '../../components/bar';
import { Styled } from '../../components/styled';
import { serviceRow, mainContainer } from '../../present/service-rows';
import { containerView } from '../../present/task-definition-view';
import { NONE } from '../../present/tokens';
import { RolloutCell } from '../services/service-columns';

export const HEADER_ROWS = 2;
const BAR_WIDTH = 18;

export function DetailHeader({
  service,
  taskDefinition,
  now,
  width,
}: {
  service: Service;
  taskDefinition: TaskDefinition | undefined;
  now: number;
  width: number;
}) {
  const row = serviceRow(
    { name: service.name, service, ...(taskDefinition ? { taskDefinition } : {}) },
    now,
  );
  const container = taskDefinition ? mainContainer(taskDefinition, service) : undefined;
  const image = container ? imageText(containerView(container)) : row.image;
  const reason = row.rollout.reason ? ` — ${row.rollout.reason}` : '';
  return (
    <Box flexDirection="column" width={width} height={HEADER_ROWS} paddingX={1}>
      <Box height={1}>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <Styled token="ui.title">{service.name}</Styled>
            {'  '}
            <Styled token={row.statusToken}>{row.status}</Styled>
            {`  ${row.controller}  desired ${service.desiredCount} · running ${service.runningCount} · pending ${service.pendingCount}`}
          </Text>
        </Box>
        <Box flexShrink={0} width={BAR_WIDTH}>
          <Bar
            desired={service.desiredCount}
            running={service.runningCount}
            pending={service.pendingCount}
            width={BAR_WIDTH}
          />
        </Box>
      </Box>
      <Box height={1}>
        <Box flexShrink={0}>
          <Text>{`task def ${row.taskDefinition} · image ${image} · deployed ${row.age} ago · `}</Text>
        </Box>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate-end">
            <RolloutCell rollout={row.rollout} width={16} />
            <Styled token="ui.dim">{reason}</Styled>
          </Text>
        </Box>
      </Box>
    </Box>
  );
}

function imageText(view: { tag: string; digest: string }): string {
  return view.digest === NONE ? view.tag : `${view.tag} ${view.digest}`;
}
