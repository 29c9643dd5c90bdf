/** The review (plan, checks, calls, command) and the apply progress that follows confirm. */
import { Box, Text } from 'ink';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { Styled } from '../../components/styled';
import { describeError } from '../../errors';
import { reviewGate, reviewLines } from '../shared/review-lines';
import { GateLine, ScrolledLines, useScroll } from '../shared/review-view';
import type { ApplyState } from '../shared/use-apply';
import type { PlanState } from '../shared/use-plan';

export function ReviewStep({
  planState,
  width,
  height,
  isActive,
  verb = 'deploy',
}: {
  planState: PlanState;
  width: number;
  height: number;
  isActive: boolean;
  verb?: string;
}) {
  const lines = planState.status === 'ready' ? reviewLines(planState.plan, width) : [];
  const gateRows = 3;
  const visible = Math.max(1, height - gateRows);
  const offset = useScroll(lines.length, visible, isActive && planState.status === 'ready');
  if (planState.status === 'planning' || planState.status === 'idle') {
    return (
      <Text wrap="truncate-end">
        <Spinner /> planning: reading the service, the images in ECR, the alarms and target health…
      </Text>
    );
  }
  if (planState.status === 'error') {
    const { message, hint } = describeError(planState.error);
    return (
      <Box flexDirection="column">
        <ErrorPanel message={message} {...(hint ? { hint } : {})} />
        <Styled token="ui.dim" wrap="truncate-end">
          {'  nothing was changed · esc goes back to change the answers'}
        </Styled>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ScrolledLines lines={lines} width={width} height={visible} offset={offset} />
      <Text> </Text>
      <GateLine gate={reviewGate(planState.plan)} verb={verb} width={width} />
    </Box>
  );
}

export function ApplyView({
  state,
  width,
  height,
}: {
  state: ApplyState;
  width: number;
  height: number;
}) {
  if (state.phase === 'idle' || state.phase === 'confirming') {
    return <Styled token="ui.dim">waiting for confirmation…</Styled>;
  }
  const failed = state.phase === 'failed';
  const { message, hint } = failed ? describeError(state.error) : { message: '', hint: undefined };
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {state.progress.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.done ? (
            <Styled token="status.ok">✓</Styled>
          ) : failed ? (
            <Styled token="status.error">✕</Styled>
          ) : (
            <Spinner />
          )}
          {` ${line.text}`}
        </Text>
      ))}
      {failed ? (
        <Box flexDirection="column" marginTop={1}>
          <ErrorPanel message={message} {...(hint ? { hint } : {})} />
          <Styled token="ui.dim" wrap="truncate-end">
            {'  esc goes back to the review, planned again from what runs now'}
          </Styled>
        </Box>
      ) : null}
    </Box>
  );
}
