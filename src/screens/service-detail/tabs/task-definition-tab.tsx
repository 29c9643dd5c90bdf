/**
 * Task definition: the service's current revision (containers, images with tag and digest,
 * cpu/memory, ports, health check, environment masked, secrets by name), or a diff of two
 * revisions picked with D. `v` reveals the environment value under the cursor; never a secret.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Styled } from '../../../components/styled';
import { truncate } from '../../../components/text-fit';
import { useListNavigation } from '../../../hooks/use-list-navigation';
import { useCommand } from '../../../keys/use-command';
import { LoadError, Loading, StatusLine, useStore } from '../../../tui/screen-kit';
import { definitionLines, diffLines, envKey, type DefinitionLine } from './definition-lines';
import type { TabProps } from './tab-props';
import { useRevisionDiff } from './use-revision-diff';

export function TaskDefinitionTab({ detail, width, height, isActive }: TabProps) {
  const store = detail.taskDefinitions;
  const snapshot = useStore(store);
  const { diff, pick, close } = useRevisionDiff(store);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const current = snapshot.current;

  const lines: DefinitionLine[] = diff
    ? diff.lines
      ? diffLines(diff.from, diff.to, diff.lines)
      : [{ key: 'wait', text: diff.error ?? `reading ${diff.from} and ${diff.to}…` }]
    : current
      ? definitionLines(current, revealed)
      : [];
  const bodyHeight = Math.max(1, height - 1);
  const nav = useListNavigation({ count: lines.length, visible: bodyHeight, isActive });
  const cursor = lines[nav.selected];

  useCommand('service.diff', pick, {
    isActive,
    disabledReason: current ? undefined : 'the task definition is still loading',
  });
  // esc closes the diff before it leaves the screen (registered after the global back, so first)
  useCommand('global.back', close, { isActive: isActive && diff !== undefined });
  useCommand(
    'service.reveal',
    () => {
      const env = cursor?.env;
      if (!env) return;
      const key = envKey(env.container, env.name);
      setRevealed((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      });
    },
    {
      isActive: isActive && diff === undefined,
      disabledReason: cursor?.env
        ? undefined
        : 'move to an environment variable first (secrets are never shown)',
    },
  );

  if (!diff && snapshot.status === 'loading') return <Loading what="task definition" />;
  if (!diff && snapshot.status === 'error') return <LoadError error={snapshot.error} />;
  if (!diff && !current) {
    return <StatusLine width={width} left="the service has no task definition" />;
  }
  const left = diff
    ? `diff ${diff.from} → ${diff.to} · D picks again · esc closes`
    : `${current?.family ?? ''}:${current?.revision ?? ''} · D diffs two revisions · v reveals an environment value`;
  const shown = lines.slice(nav.offset, nav.offset + bodyHeight);
  return (
    <Box flexDirection="column">
      <StatusLine width={width} left={left} />
      {shown.map((line, i) => (
        <Line key={line.key} line={line} width={width} selected={nav.offset + i === nav.selected} />
      ))}
    </Box>
  );
}

function Line({
  line,
  width,
  selected,
}: {
  line: DefinitionLine;
  width: number;
  selected: boolean;
}) {
  const text = truncate(`${selected ? '› ' : '  '}${line.text}`, width);
  if (selected) {
    return (
      <Styled token="ui.selection" wrap="truncate-end">
        {text}
      </Styled>
    );
  }
  if (line.token) {
    return (
      <Styled token={line.token} wrap="truncate-end">
        {text}
      </Styled>
    );
  }
  return <Text wrap="truncate-end">{text}</Text>;
}
