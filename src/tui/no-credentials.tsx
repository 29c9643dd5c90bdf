/**
 * The one screen shown when there is nothing to talk to AWS with: what was looked for, what
 * was answered, the ways on. q (or Ctrl-C) quits.
 */
import { Box, Text } from 'ink';
import { Styled } from '../components/styled';
import { truncate } from '../components/text-fit';
import { useTerminalSize } from '../hooks/use-terminal-size';
import type { CredentialReport } from './credential-search';
import { StandaloneFrame } from './standalone';

export function NoCredentials({
  report,
  simulated,
  onQuit,
}: {
  report: CredentialReport;
  simulated: boolean;
  onQuit?: (() => void) | undefined;
}) {
  return (
    <StandaloneFrame name="no-credentials" simulated={simulated} onQuit={onQuit}>
      <Report report={report} />
    </StandaloneFrame>
  );
}

function Report({ report }: { report: CredentialReport }) {
  const { columns } = useTerminalSize();
  const width = Math.max(20, columns - 4);
  const fit = (text: string) => truncate(text, width);
  return (
    <Box flexDirection="column" paddingX={2}>
      <Text> </Text>
      <Styled token="status.error">{fit(`✕ ${report.title}`)}</Styled>
      <Text> </Text>
      <Styled token="ui.title">Where ecs-rollout looked:</Styled>
      {report.lookedFor.map((line) => (
        <Text key={line} wrap="truncate-end">
          {fit(`  · ${line}`)}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="wrap">
        <Styled token="ui.title">AWS said: </Styled>
        {report.said}
      </Text>
      <Text> </Text>
      <Styled token="ui.title">Ways on:</Styled>
      {report.waysOn.map((line) => (
        <Text key={line} wrap="truncate-end">
          {fit(`  ${line}`)}
        </Text>
      ))}
      <Text> </Text>
      <Styled token="ui.dim">q quits</Styled>
    </Box>
  );
}
