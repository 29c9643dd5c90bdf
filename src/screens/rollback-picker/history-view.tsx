/**
 * A finished rollout: pick a completed deployment (what runs now is marked, not pickable),
 * see its diff against what runs now, then review the plan and confirm.
 */
import { Box, Text } from 'ink';
import { useState } from 'react';
import { useRouter } from '../../app/router-context';
import { Styled } from '../../components/styled';
import { Table, type Column } from '../../components/table';
import type { TaskDefinition } from '../../aws/types';
import type { RollbackCandidate } from '../../deploy/rollback-targets';
import { useCommand } from '../../keys/use-command';
import { diffTaskDefinitions } from '../../present/task-definition-diff';
import { ApplyView, ReviewStep } from '../deploy-wizard/review-step';
import type { DeployKit } from '../shared/deploy-kit';
import { reviewGate, wrapText, type ReviewLine } from '../shared/review-lines';
import { ScrolledLines } from '../shared/review-view';
import { revisionLabel } from '../../deploy/revision-label';
import type { ThemeToken } from '../../theme/tokens';
import { useApply } from '../shared/use-apply';
import { usePlan } from '../shared/use-plan';
import {
  firstSelectable,
  inactiveNote,
  moveSelection,
  pickerRows,
  rollbackRequest,
  type PickerRow,
  type RollbackStrategy,
} from './rollback-model';

const COLUMNS: readonly Column<PickerRow>[] = [
  { key: 'when', title: 'FINISHED', width: 10, cell: (r) => r.when },
  { key: 'ran', title: 'RAN FOR', width: 11, cell: (r) => r.ranFor },
  {
    key: 'revision',
    title: 'REVISION',
    width: 14,
    cell: (r) => (r.current ? `${r.revision} ●` : r.revision),
  },
  {
    key: 'status',
    title: 'STATUS',
    width: 9,
    cell: (r) => (r.status === 'ACTIVE' ? r.status : { text: r.status, token: 'status.warn' }),
  },
  {
    key: 'image',
    title: 'IMAGE',
    minWidth: 12,
    cell: (r) => (r.current ? { text: `${r.image} (runs now)`, token: 'ui.dim' } : r.image),
  },
];

type Phase = 'pick' | 'review' | 'apply';

export function RollbackHistory(props: {
  kit: DeployKit;
  cluster: string;
  service: string;
  current: TaskDefinition | undefined;
  candidates: readonly RollbackCandidate[];
  strategy: RollbackStrategy;
  size: { columns: number; rows: number };
  isActive: boolean;
}) {
  const { kit, cluster, service, candidates, strategy, size, isActive } = props;
  const router = useRouter();
  const [selected, setSelected] = useState(() => firstSelectable(candidates));
  const [phase, setPhase] = useState<Phase>('pick');
  const [generation, setGeneration] = useState(0);
  const chosen = selected === undefined ? undefined : candidates[selected];
  const request =
    phase !== 'pick' && chosen && strategy.ok
      ? rollbackRequest(cluster, service, strategy.strategy, chosen)
      : undefined;
  const planState = usePlan(kit, request, generation);
  const apply = useApply(kit);
  const busy = apply.state.phase === 'confirming' || apply.state.phase === 'applying';

  const pickOpts = { isActive: isActive && phase === 'pick' };
  const move = (delta: number) =>
    setSelected((at) => (at === undefined ? at : moveSelection(candidates, at, delta)));
  useCommand('nav.down', () => move(1), pickOpts);
  useCommand('nav.up', () => move(-1), pickOpts);
  const enterReason =
    phase === 'pick'
      ? chosen === undefined
        ? 'no earlier completed deployment to go back to'
        : strategy.ok
          ? undefined
          : strategy.reason
      : phase === 'apply'
        ? busy
          ? 'the rollback is being applied'
          : 'esc goes back to the review'
        : planState.status !== 'ready'
          ? 'the plan is not ready'
          : (() => {
              const gate = reviewGate(planState.plan);
              return gate.ok ? undefined : gate.reason;
            })();
  useCommand(
    'wizard.next',
    () => {
      if (phase === 'pick') return setPhase('review');
      if (phase !== 'review' || planState.status !== 'ready' || !chosen) return;
      setPhase('apply');
      void apply
        .run(planState.plan, `Roll back ${service} to ${chosen.revisionLabel}`)
        .then((r) => {
          if (r === 'cancelled') setPhase('review');
        });
    },
    { isActive, disabledReason: enterReason },
  );
  useCommand(
    'wizard.back',
    () => {
      if (phase === 'pick') return void router.back();
      if (phase === 'apply') {
        apply.reset();
        setGeneration((g) => g + 1);
      }
      setPhase(phase === 'apply' ? 'review' : 'pick');
    },
    { isActive, disabledReason: busy ? 'the rollback is being applied; wait for it' : undefined },
  );

  const width = size.columns - 2;
  const title = (
    <Text wrap="truncate-end">
      <Styled token="ui.title">{`Roll back ${service}`}</Styled>
      <Styled token="ui.dim">
        {phase === 'pick'
          ? ' · pick a completed deployment to return to (newest first)'
          : ` · to ${chosen?.revisionLabel ?? ''}${strategy.ok ? ` with a ${strategy.strategy} deployment` : ''}`}
      </Styled>
    </Text>
  );
  const body = size.rows - 1;
  if (phase === 'review') {
    return (
      <Box flexDirection="column" paddingX={1}>
        {title}
        <ReviewStep
          planState={planState}
          width={width}
          height={body}
          isActive={isActive}
          verb="roll back"
        />
      </Box>
    );
  }
  if (phase === 'apply') {
    return (
      <Box flexDirection="column" paddingX={1}>
        {title}
        <ApplyView state={apply.state} width={width} height={body} />
      </Box>
    );
  }
  if (candidates.length === 0) {
    return (
      <Box flexDirection="column" paddingX={1}>
        {title}
        <Text wrap="wrap">{`${service} has no completed deployment in its history to go back to.`}</Text>
      </Box>
    );
  }
  const tableRows = Math.min(candidates.length + 1, Math.max(3, Math.floor(body / 2)));
  const detailRows = Math.max(0, body - tableRows - 1);
  return (
    <Box flexDirection="column" paddingX={1}>
      {title}
      <Table
        columns={COLUMNS}
        rows={pickerRows(candidates, kit.session.now())}
        width={width}
        height={tableRows}
        {...(selected !== undefined ? { selected } : {})}
        rowKey={(r) => r.key}
      />
      <Detail
        current={props.current}
        chosen={chosen}
        strategy={strategy}
        width={width}
        height={detailRows}
      />
    </Box>
  );
}

function Detail({
  current,
  chosen,
  strategy,
  width,
  height,
}: {
  current: TaskDefinition | undefined;
  chosen: RollbackCandidate | undefined;
  strategy: RollbackStrategy;
  width: number;
  height: number;
}) {
  if (!chosen)
    return (
      <Styled token="ui.dim">
        {'only the running deployment is in the history: nothing earlier to go back to'}
      </Styled>
    );
  const lines: ReviewLine[] = [];
  const add = (text: string, token?: ThemeToken, indent = 2) => {
    for (const line of wrapText(text, width, indent))
      lines.push({ text: line, ...(token ? { token } : {}) });
  };
  const from = current ? revisionLabel(current.arn) : 'what runs now';
  lines.push({
    text: `── Diff against what runs now (${from} → ${chosen.revisionLabel}) `,
    token: 'ui.title',
  });
  const diff = current ? diffTaskDefinitions(current, chosen.taskDefinition) : [];
  if (diff.length === 0) add('no differences in the task definition', 'ui.dim');
  for (const d of diff) add(`${d.marker} ${d.text}`, d.token);
  const note = inactiveNote(chosen);
  if (note) add(`! ${note}`, 'status.warn', 0);
  if (!strategy.ok) add(`✕ ${strategy.reason}`, 'status.error', 0);
  return (
    <Box marginTop={1}>
      <ScrolledLines lines={lines} width={width} height={height} offset={0} />
    </Box>
  );
}
