/**
 * The review of a plan, scrolled with the navigation keys, and the line under it that says
 * whether enter deploys or what blocks it.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { Styled } from '../../components/styled';
import { truncate } from '../../components/text-fit';
import { useCommand } from '../../keys/use-command';
import { wrapText, type ReviewGate, type ReviewLine } from './review-lines';

/** First line shown, moved by j/k, pages, g/G; clamped so the last page stays full. */
export function useScroll(total: number, visible: number, isActive: boolean): number {
  const [raw, setRaw] = useState(0);
  const max = Math.max(0, total - visible);
  const offset = Math.min(raw, max);
  const by = (delta: number) => setRaw((o) => Math.max(0, Math.min(max, Math.min(o, max) + delta)));
  const opts = { isActive };
  useCommand('nav.down', () => by(1), opts);
  useCommand('nav.up', () => by(-1), opts);
  useCommand('nav.page-down', () => by(Math.max(1, visible - 1)), opts);
  useCommand('nav.page-up', () => by(-Math.max(1, visible - 1)), opts);
  useCommand('nav.top', () => setRaw(0), opts);
  useCommand('nav.bottom', () => setRaw(max), opts);
  return offset;
}

export function ScrolledLines({
  lines,
  width,
  height,
  offset,
}: {
  lines: readonly ReviewLine[];
  width: number;
  height: number;
  offset: number;
}) {
  const shown = lines.slice(offset, offset + height);
  const more = lines.length - offset - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((line, i) => {
        // the last row says there is more below instead of showing a cut line
        if (i === shown.length - 1 && more > 0) {
          return (
            <Styled key={i} token="ui.dim" wrap="truncate-end">
              {`  ↓ ${more + 1} more lines (j/k, pgdn)`}
            </Styled>
          );
        }
        return line.token ? (
          <Styled key={i} token={line.token} wrap="truncate-end">
            {truncate(line.text, width)}
          </Styled>
        ) : (
          <Text key={i} wrap="truncate-end">
            {truncate(line.text, width)}
          </Text>
        );
      })}
    </Box>
  );
}

/** `enter deploy` or `✕ cannot deploy: ...` (plus the attach offer when a rollout runs). */
export function GateLine({ gate, verb, width }: { gate: ReviewGate; verb: string; width: number }) {
  if (gate.ok) {
    return (
      <Text wrap="truncate-end">
        <Styled token="ui.key">enter</Styled>
        {` ${verb}    `}
        <Styled token="ui.key">esc</Styled>
        {' back'}
      </Text>
    );
  }
  const offer = gate.inProgress ? ' · press w to watch the deployment in progress' : '';
  // two lines at most: the reason is also marked ✕ in the checks above
  const lines = wrapText(`✕ ${gate.reason}${offer}`, width, 0);
  const shown = lines.length > 2 ? [lines[0]!, truncate(lines.slice(1).join(' '), width)] : lines;
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <Styled key={i} token="status.error" wrap="truncate-end">
          {line}
        </Styled>
      ))}
    </Box>
  );
}
