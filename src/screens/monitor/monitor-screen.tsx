/**
 * Screen 5, the rollout monitor: one layout for every strategy, drawn from a RolloutView.
 * Opened on a rollout handed over by the wizard or the picker, or attached (`w`) to whatever
 * runs on the service. Polls every 2 s while in view; stops after the final outcome.
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { EmptyState } from '../../components/empty-state';
import { Spinner } from '../../components/spinner';
import { Styled } from '../../components/styled';
import { truncate } from '../../components/text-fit';
import { useAppTimer } from '../../hooks/app-timer';
import type { RolloutView } from '../../deploy/types';
import { ageSince } from '../../present/time';
import { LoadError, Loading, staleNote } from '../../tui/screen-kit';
import type { DeployKit } from '../shared/deploy-kit';
import { COLUMN_GAP, planMonitorLayout } from './monitor-layout';
import { MonitorPanel } from './monitor-panels';
import { STATE_LOOKS, headerDetail, headerFacts, strategyLabel } from './monitor-text';
import type { LastRollout } from './find-rollout';
import type { WatchSnapshot } from './rollout-watch';
import { useMonitorActions } from './use-monitor-actions';
import { useMonitorSource, useWatchSnapshot } from './use-monitor-source';

type Props = ScreenProps<{
  kind: 'monitor';
  cluster: string;
  service: string;
  deploymentId?: string;
}>;

export function monitorScreen(kit: DeployKit): ScreenRegistration<'monitor'> {
  return defineScreen({
    kind: 'monitor',
    title: (s) => `rollout of ${s.service}`,
    keys: [
      'monitor.promote',
      'monitor.promote-all',
      'monitor.rollback',
      'monitor.abort',
      'monitor.pause',
    ],
    component: function MonitorScreen(props: Props) {
      return <Monitor kit={kit} {...props} />;
    },
  });
}

/** Re-renders every second while the screen is in view, for elapsed times and countdowns. */
function useSecondTick(isActive: boolean): void {
  const timer = useAppTimer();
  const [, setTick] = useState(0);
  useEffect(
    () => (isActive ? timer.every(1000, () => setTick((t) => t + 1)) : undefined),
    [timer, isActive],
  );
}

function Monitor({ kit, screen, size, isActive }: Props & { kit: DeployKit }) {
  const { source, keepInBackground } = useMonitorSource(
    kit,
    screen.cluster,
    screen.service,
    isActive,
  );
  const watch = source.status === 'watching' ? source.watch : undefined;
  const snapshot = useWatchSnapshot(watch);
  const view = snapshot?.poll.data;
  useMonitorActions(watch, view, isActive, keepInBackground, kit.session.readOnly);
  useSecondTick(isActive);
  // the world's clock for elapsed times and countdowns; the pollers' clock for "updated 2s ago"
  const now = kit.session.now();
  const pollNow = kit.session.hub.time.now();

  if (source.status === 'attaching') return <Loading what={`the rollout of ${screen.service}`} />;
  if (source.status === 'error') return <LoadError error={source.error} />;
  if (source.status === 'idle')
    return <NothingRunning service={screen.service} last={source.last} now={now} />;
  if (!snapshot || !view) {
    if (snapshot?.poll.status === 'error') return <LoadError error={snapshot.poll.error} />;
    return <Loading what={`the rollout of ${screen.service}`} />;
  }
  return <RolloutLayout view={view} snapshot={snapshot} size={size} now={now} pollNow={pollNow} />;
}

function RolloutLayout({
  view,
  snapshot,
  size,
  now,
  pollNow,
}: {
  view: RolloutView;
  snapshot: WatchSnapshot;
  size: Props['size'];
  now: number;
  pollNow: number;
}) {
  const layout = planMonitorLayout(view, size);
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows} overflow="hidden">
      <Header view={view} snapshot={snapshot} width={size.columns} now={now} pollNow={pollNow} />
      <Box
        flexDirection="row"
        width={size.columns}
        height={Math.max(0, size.rows - layout.headerRows)}
      >
        {layout.columns.map((column, i) => (
          <Box
            key={i}
            flexDirection="column"
            width={column.width}
            marginLeft={i > 0 ? COLUMN_GAP : 0}
          >
            {column.panels.map((panel) => (
              <MonitorPanel
                key={panel.id}
                id={panel.id}
                view={view}
                width={column.width}
                height={panel.height}
                now={now}
              />
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function Header({
  view,
  snapshot,
  width,
  now,
  pollNow,
}: {
  view: RolloutView;
  snapshot: WatchSnapshot;
  width: number;
  now: number;
  pollNow: number;
}) {
  const look = STATE_LOOKS[view.state];
  const facts = headerFacts(view, now);
  const detail = headerDetail(view);
  const { poll } = snapshot;
  const stale = poll.stale ? staleNote(poll.error, poll.throttled) : undefined;
  const status = stale
    ? `${stale}· showing the view from ${ageSince(poll.fetchedAt, pollNow)} ago`
    : snapshot.done
      ? `final · no longer polling · read ${ageSince(poll.fetchedAt, pollNow)} ago`
      : `updated ${ageSince(poll.fetchedAt, pollNow)} ago · every ${Math.round(poll.intervalMs / 1000)}s`;
  return (
    <Box flexDirection="column" width={width} height={3}>
      <Text wrap="truncate-end">
        <Styled token="ui.title">{strategyLabel(view)}</Styled>
        {' · '}
        {view.state === 'IN_PROGRESS' ? (
          <Spinner />
        ) : (
          <Styled token={look.token}>{look.icon}</Styled>
        )}
        <Styled token={look.token}>{` ${look.label}`}</Styled>
        {facts.length > 0 ? ` · ${facts.join(' · ')}` : ''}
      </Text>
      <Styled token={detail.token} wrap="truncate-end">
        {truncate(detail.text, width)}
      </Styled>
      <Styled token={stale ? 'status.warn' : 'ui.dim'} wrap="truncate-end">
        {truncate(status, width)}
      </Styled>
    </Box>
  );
}

function NothingRunning({
  service,
  last,
  now,
}: {
  service: string;
  last: LastRollout | undefined;
  now: number;
}) {
  if (!last) {
    return (
      <EmptyState
        message={`nothing is deploying ${service} now, and it has no deployment history`}
        hint="d on the service deploys · esc goes back"
      />
    );
  }
  const look = STATE_LOOKS[last.outcome.kind];
  const when = last.finishedAt
    ? `finished ${ageSince(last.finishedAt, now)} ago`
    : last.startedAt
      ? `started ${ageSince(last.startedAt, now)} ago`
      : '';
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text wrap="truncate-end">{`Nothing is deploying ${service} now.`}</Text>
      <Text> </Text>
      <Text wrap="wrap">
        {'Last deployment: '}
        <Styled token={look.token}>{`${look.icon} ${look.label}`}</Styled>
        {` — ${last.outcome.reason}`}
      </Text>
      <Styled token="ui.dim" wrap="truncate-end">
        {[last.revision, when].filter(Boolean).join(' · ')}
      </Styled>
      <Text> </Text>
      <Styled token="ui.dim" wrap="truncate-end">
        {'Looking again every 10 s; a rollout that starts shows here. esc goes back.'}
      </Styled>
    </Box>
  );
}
