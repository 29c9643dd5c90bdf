/**
 * Screen 6, rollback. `R` on a service lands here: a rollout in progress is rolled back by its
 * controller (in-flight-view.tsx); a finished one offers the service's completed deployments
 * (history-view.tsx), planned and applied with the service's own strategy.
 */
import { useRouter } from '../../app/router-context';
import { defineScreen, type ScreenProps, type ScreenRegistration } from '../../app/screens';
import { useCommand } from '../../keys/use-command';
import { LoadError, Loading } from '../../tui/screen-kit';
import type { DeployKit } from '../shared/deploy-kit';
import { RollbackHistory } from './history-view';
import { InFlightRollback } from './in-flight-view';
import { useRollbackSource } from './use-rollback-source';

type Props = ScreenProps<{ kind: 'rollback'; cluster: string; service: string }>;

export function rollbackScreen(kit: DeployKit): ScreenRegistration<'rollback'> {
  return defineScreen({
    kind: 'rollback',
    title: (s) => `roll back ${s.service}`,
    keys: ['nav.down', 'wizard.next', 'wizard.back', 'service.watch'],
    component: function RollbackScreen(props: Props) {
      return <RollbackPicker kit={kit} {...props} />;
    },
  });
}

function RollbackPicker({ kit, screen, size, isActive }: Props & { kit: DeployKit }) {
  const router = useRouter();
  const source = useRollbackSource(kit, screen.cluster, screen.service);
  const settled = source.status === 'history';
  // the history view owns esc (it steps back through its phases); elsewhere esc leaves
  useCommand('wizard.back', () => void router.back(), { isActive: isActive && !settled });
  switch (source.status) {
    case 'loading':
      return <Loading what={`the deployment history of ${screen.service}`} />;
    case 'error':
      return (
        <LoadError
          error={source.error instanceof Error ? source.error : new Error(String(source.error))}
        />
      );
    case 'in-flight':
      return (
        <InFlightRollback
          kit={kit}
          controller={source.controller}
          view={source.view}
          width={size.columns}
          isActive={isActive}
        />
      );
    case 'history':
      return (
        <RollbackHistory
          kit={kit}
          cluster={screen.cluster}
          service={screen.service}
          current={source.current}
          candidates={source.candidates}
          strategy={source.strategy}
          size={size}
          isActive={isActive}
        />
      );
  }
}
