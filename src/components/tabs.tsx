import { Text } from 'ink';
import { Fragment } from 'react';
import { Styled } from './styled';

export interface TabItem {
  id: string;
  label: string;
}

/** ` Deployments │ Tasks │ Events ` with the active one in the focus style. */
export function Tabs({ tabs, active }: { tabs: readonly TabItem[]; active: string }) {
  return (
    <Text wrap="truncate-end">
      {tabs.map((tab, i) => (
        <Fragment key={tab.id}>
          {i > 0 ? <Styled token="ui.border"> │ </Styled> : ' '}
          {tab.id === active ? (
            <Styled token="ui.focus">{`[${tab.label}]`}</Styled>
          ) : (
            <Styled token="ui.dim">{` ${tab.label} `}</Styled>
          )}
        </Fragment>
      ))}
    </Text>
  );
}
