/**
 * Stand-in screens for testing the shell: a big filterable list that opens the next screen, a
 * service screen with mutating keys and a runtime disabled reason, a monitor with a leave guard.
 */
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { useDialogs } from '../../src/app/dialog-manager';
import { useFlash } from '../../src/app/flash-context';
import { useLeaveGuard, useRouter } from '../../src/app/router-context';
import { defineScreen, type AnyScreenRegistration } from '../../src/app/screens';
import { Table, type Column } from '../../src/components/table';
import { useListNavigation } from '../../src/hooks/use-list-navigation';
import { useCommand } from '../../src/keys/use-command';

export const clusterNames = (n: number) =>
  Array.from({ length: n }, (_, i) => `cluster-${String(i).padStart(4, '0')}`);

const nameColumn: Column<string>[] = [
  { key: 'name', title: 'NAME', cell: (n) => n },
  {
    key: 'status',
    title: 'STATUS',
    width: 8,
    cell: () => ({ text: 'ACTIVE', token: 'status.ok' }),
  },
];

export function clustersScreen(names: readonly string[]) {
  return defineScreen({
    kind: 'clusters',
    filterable: true,
    component: function Clusters({ size, filter }) {
      const router = useRouter();
      const rows = useMemo(() => names.filter((n) => n.includes(filter)), [filter]);
      const nav = useListNavigation({ count: rows.length, visible: size.rows - 1 });
      useCommand('nav.open', () => {
        const cluster = rows[nav.selected];
        if (cluster) router.push({ kind: 'services', cluster });
      });
      return (
        <Table
          columns={nameColumn}
          rows={rows}
          width={size.columns}
          height={size.rows}
          selected={nav.selected}
          offset={nav.offset}
        />
      );
    },
  });
}

export const servicesScreen = defineScreen({
  kind: 'services',
  keys: ['service.deploy', 'service.rollback', 'service.watch'],
  component: function Services({ screen }) {
    const dialogs = useDialogs();
    const flash = useFlash();
    const router = useRouter();
    const [result, setResult] = useState('none');
    useCommand('service.deploy', () => {
      void dialogs
        .confirm({
          title: 'deploy api',
          body: ['UpdateService api: taskDefinition api:8'],
          confirmLabel: 'deploy',
          typeToConfirm: screen.cluster === 'protected' ? 'api' : undefined,
        })
        .then((ok) => setResult(ok ? 'confirmed' : 'cancelled'));
    });
    useCommand('service.rollback', () => flash.info('rolling back'));
    useCommand('service.watch', () => undefined, {
      disabledReason: 'no rollout in progress',
    });
    useCommand('nav.open', () =>
      router.push({ kind: 'monitor', cluster: screen.cluster, service: 'api' }),
    );
    return (
      <Box flexDirection="column">
        <Text>services of {screen.cluster}</Text>
        <Text>deploy: {result}</Text>
      </Box>
    );
  },
});

export function monitorScreen(allowLeave: () => Promise<boolean>) {
  return defineScreen({
    kind: 'monitor',
    keys: ['monitor.promote', 'monitor.abort'],
    component: function Monitor() {
      useLeaveGuard(allowLeave);
      useCommand('monitor.promote', () => undefined, { disabledReason: 'not paused at a hook' });
      useCommand('monitor.abort', () => undefined);
      return <Text>rollout monitor</Text>;
    },
  });
}

export function placeholderScreens(clusters = clusterNames(3)): AnyScreenRegistration[] {
  return [clustersScreen(clusters), servicesScreen, monitorScreen(() => Promise.resolve(true))];
}
