/**
 * `R` while a rollout runs: roll that rollout back through its controller instead of picking
 * an older revision. The controller's confirmation is asked at once; declining leaves this
 * panel, from which enter asks again and w watches the rollout instead.
 */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { useFlash } from '../../app/flash-context';
import { useRouter } from '../../app/router-context';
import { Styled } from '../../components/styled';
import type { ActionResult, RolloutController, RolloutView } from '../../deploy/types';
import { useCommand } from '../../keys/use-command';
import type { DeployKit } from '../shared/deploy-kit';
import { useTuiIoHost } from '../shared/tui-io-host';

export function InFlightRollback({
  kit,
  controller,
  view,
  width,
  isActive,
}: {
  kit: DeployKit;
  controller: RolloutController;
  view: RolloutView;
  width: number;
  isActive: boolean;
}) {
  const router = useRouter();
  const flash = useFlash();
  const io = useTuiIoHost();
  const [last, setLast] = useState<ActionResult | undefined>();
  const [busy, setBusy] = useState(false);
  const { cluster, service } = view;
  const rollback = view.actions.rollback;

  const toMonitor = () => {
    kit.handoff.give(cluster, service, controller);
    router.replace({ kind: 'monitor', cluster, service });
  };
  const run = () => {
    setBusy(true);
    controller
      .act('rollback', io)
      .then((result) => {
        setLast(result);
        if (result.ok) toMonitor();
      })
      .catch((error: unknown) => flash.error(error))
      .finally(() => setBusy(false));
  };
  // ask at once: R said "roll back", the panel is only for a "no" or a refusal
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current || !isActive) return;
    asked.current = true;
    run();
  });

  useCommand('wizard.next', run, {
    isActive,
    disabledReason: busy
      ? 'the rollback is being sent'
      : rollback.available
        ? undefined
        : rollback.reason,
  });
  useCommand('service.watch', toMonitor, { isActive });

  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Text wrap="truncate-end">
        <Styled token="ui.title">{`${service} has a rollout in progress`}</Styled>
        <Styled token="ui.dim">{` · ${view.stateLabel}`}</Styled>
      </Text>
      <Text> </Text>
      <Text wrap="wrap">
        R rolls back the rollout in progress with the strategy&apos;s own mechanism, rather than
        picking an earlier deployment (that would start a second deployment on top of this one).
      </Text>
      <Text> </Text>
      {rollback.available ? (
        rollback.confirm.lines.map((line, i) => (
          <Styled key={i} token="status.info" wrap="truncate-end">{`  ${line}`}</Styled>
        ))
      ) : (
        <Styled
          token="status.warn"
          wrap="wrap"
        >{`  cannot roll back now: ${rollback.reason}`}</Styled>
      )}
      <Text> </Text>
      {last && !last.ok ? (
        <Styled token="status.warn" wrap="wrap">
          {last.message}
        </Styled>
      ) : null}
      <Styled token="ui.dim" wrap="truncate-end">
        {'enter asks to roll back again · w watches the rollout · esc goes back'}
      </Styled>
    </Box>
  );
}
