import { Box, Text } from 'ink';
import { StatusBadge } from './status-badge';
import { Styled } from './styled';

/** Who and where the app is talking to; the container fills it from the gateway and stores. */
export interface ContextInfo {
  profile?: string | undefined;
  region: string;
  account?: string | undefined;
  readOnly: boolean;
  simulated: boolean;
  /** The polling interval of the screen on view, shown as `⟳ 2s`. */
  refreshSeconds?: number | undefined;
  /** AWS is throttling us: polling has backed off. */
  throttled?: boolean | undefined;
}

export function identityText(info: ContextInfo): string {
  return [info.profile, info.region, info.account].filter(Boolean).join(' · ');
}

/**
 * ` ecs-rollout  prod · eu-west-1 · 123456789012  [READ-ONLY] [SIMULATED]     ⟳ 2s  ▲ throttled`
 * The right side never shrinks; the identity is cut first when the terminal is narrow.
 */
export function ContextBar({ info, width }: { info: ContextInfo; width: number }) {
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-end">
          {' '}
          <Styled token="ui.title">ecs-rollout</Styled>
          {'  '}
          {identityText(info)}
          {info.readOnly ? ' ' : ''}
          {info.readOnly ? <StatusBadge label="READ-ONLY" /> : null}
          {info.simulated ? ' ' : ''}
          {info.simulated ? <StatusBadge label="SIMULATED" token="status.info" /> : null}
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text>
          {info.refreshSeconds !== undefined ? (
            <Styled token="ui.dim">{`  ⟳ ${info.refreshSeconds}s`}</Styled>
          ) : null}
          {info.throttled ? <Styled token="status.warn">{'  ▲ throttled'}</Styled> : null}{' '}
        </Text>
      </Box>
    </Box>
  );
}
