/**
 * d / R / w on a service (the list's selection or the service in detail): they open the deploy
 * wizard, the rollback picker and the rollout monitor. Deploy and rollback are mutating, so
 * the key registry drops them with --read-only; watch stays, because watching changes nothing
 * and the monitor's own mutating keys (promote, roll back, abort) are dropped there instead.
 */
import { useRouter } from '../../app/router-context';
import type { Service } from '../../aws';
import type { CommandId } from '../../keys/bindings';
import { useCommand } from '../../keys/use-command';
import { isRolloutActive } from '../../present/rollout-state';
import type { BrowseSession } from '../../tui/session';

/** The keys for the help overlay's "this screen" list. */
export function serviceActionKeys(session: BrowseSession): CommandId[] {
  return session.readOnly
    ? ['service.watch']
    : ['service.deploy', 'service.rollback', 'service.watch'];
}

export function useServiceActions(
  cluster: string,
  name: string | undefined,
  service: Service | undefined,
): void {
  const router = useRouter();
  const none = name === undefined ? 'no service selected' : undefined;
  useCommand(
    'service.deploy',
    () => {
      if (name) router.push({ kind: 'deploy', cluster, service: name });
    },
    { disabledReason: none },
  );
  useCommand(
    'service.rollback',
    () => {
      if (name) router.push({ kind: 'rollback', cluster, service: name });
    },
    { disabledReason: none },
  );
  useCommand(
    'service.watch',
    () => {
      if (name) router.push({ kind: 'monitor', cluster, service: name });
    },
    {
      disabledReason:
        none ?? (service && !isRolloutActive(service) ? watchReason(name) : undefined),
    },
  );
}

function watchReason(name: string | undefined): string {
  return `no rollout in progress on ${name ?? 'this service'}`;
}
