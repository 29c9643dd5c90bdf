import { Box, Text } from 'ink';
import { Fragment, type ReactNode } from 'react';
import { Styled } from './styled';

/** `Clusters › production › api`, the last one in focus; `right` holds the filter, if any. */
export function Breadcrumbs({
  crumbs,
  width,
  right,
}: {
  crumbs: readonly string[];
  width: number;
  right?: ReactNode;
}) {
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate-start">
          {' '}
          {crumbs.map((crumb, i) => (
            <Fragment key={i}>
              {i > 0 ? <Styled token="ui.dim">{' › '}</Styled> : null}
              {i === crumbs.length - 1 ? <Styled token="ui.focus">{crumb}</Styled> : crumb}
            </Fragment>
          ))}
        </Text>
      </Box>
      {right ? <Box flexShrink={0}>{right}</Box> : null}
    </Box>
  );
}
