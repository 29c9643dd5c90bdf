/**
 * The screen stack, without React. "Routes aren't URLs, they're just screen states" (Ink's
 * routing recipe): a typed stack of descriptors, so params stay typed and breadcrumbs and
 * help can read what is on screen.
 */

export type ServiceTab = 'deployments' | 'tasks' | 'events' | 'traffic' | 'taskdef';

export type ScreenDescriptor =
  | { kind: 'clusters' }
  | { kind: 'services'; cluster: string }
  | { kind: 'service'; cluster: string; service: string; tab?: ServiceTab }
  | { kind: 'deploy'; cluster: string; service: string }
  | { kind: 'monitor'; cluster: string; service: string; deploymentId?: string }
  | { kind: 'rollback'; cluster: string; service: string }
  | { kind: 'audit' };

export type ScreenKind = ScreenDescriptor['kind'];
export type ScreenOf<K extends ScreenKind> = Extract<ScreenDescriptor, { kind: K }>;

/** A stack entry: the id keeps React state attached to the right screen across pushes. */
export interface StackEntry {
  id: number;
  screen: ScreenDescriptor;
}

export interface RouterState {
  stack: readonly StackEntry[];
  nextId: number;
}

export type RouterAction =
  | { type: 'push'; screen: ScreenDescriptor }
  | { type: 'pop' }
  | { type: 'replace'; screen: ScreenDescriptor }
  | { type: 'reset'; stack: readonly ScreenDescriptor[] };

export function initialRouterState(
  stack: readonly ScreenDescriptor[] = [{ kind: 'clusters' }],
): RouterState {
  return routerReducer({ stack: [], nextId: 1 }, { type: 'reset', stack });
}

export function routerReducer(state: RouterState, action: RouterAction): RouterState {
  switch (action.type) {
    case 'push':
      return {
        stack: [...state.stack, { id: state.nextId, screen: action.screen }],
        nextId: state.nextId + 1,
      };
    case 'pop':
      // the root screen stays: there is always something on screen
      return state.stack.length <= 1 ? state : { ...state, stack: state.stack.slice(0, -1) };
    case 'replace':
      if (state.stack.length === 0)
        return routerReducer(state, { type: 'push', screen: action.screen });
      return {
        stack: [...state.stack.slice(0, -1), { id: state.nextId, screen: action.screen }],
        nextId: state.nextId + 1,
      };
    case 'reset': {
      const screens = action.stack.length > 0 ? action.stack : [{ kind: 'clusters' } as const];
      return {
        stack: screens.map((screen, i) => ({ id: state.nextId + i, screen })),
        nextId: state.nextId + screens.length,
      };
    }
  }
}

export function topOf(state: RouterState): StackEntry {
  const top = state.stack.at(-1);
  if (!top) throw new Error('the screen stack is empty; initialRouterState always seeds it');
  return top;
}

/** The label of one screen in the breadcrumbs. */
export function defaultTitle(screen: ScreenDescriptor): string {
  switch (screen.kind) {
    case 'clusters':
      return 'Clusters';
    case 'services':
      return screen.cluster;
    case 'service':
      return screen.service;
    case 'deploy':
      return 'deploy';
    case 'monitor':
      return 'rollout';
    case 'rollback':
      return 'rollback';
    case 'audit':
      return 'audit log';
  }
}

/**
 * `Clusters › production › api`. A screen deep-linked without its parents (`--service api`)
 * still shows where it sits, so the parents are implied from its params.
 */
export function breadcrumbs(
  stack: readonly StackEntry[],
  titleOf: (screen: ScreenDescriptor) => string = defaultTitle,
): string[] {
  const crumbs = stack.map((e) => titleOf(e.screen));
  const first = stack[0]?.screen;
  if (!first || first.kind === 'clusters' || first.kind === 'audit') return crumbs;
  const implied: ScreenDescriptor[] = [{ kind: 'clusters' }];
  if (first.kind !== 'services') implied.push({ kind: 'services', cluster: first.cluster });
  if (first.kind !== 'services' && first.kind !== 'service') {
    implied.push({ kind: 'service', cluster: first.cluster, service: first.service });
  }
  return [...implied.map(titleOf), ...crumbs];
}

/** The cluster and service the person is looking at, from the deepest screen that names them. */
export function currentScope(stack: readonly StackEntry[]): { cluster?: string; service?: string } {
  for (const { screen } of [...stack].reverse()) {
    if (screen.kind === 'clusters') return {};
    if (screen.kind === 'services') return { cluster: screen.cluster };
    // the audit log is about no one service: the scope is what lies under it
    if (screen.kind === 'audit') continue;
    return { cluster: screen.cluster, service: screen.service };
  }
  return {};
}

/** The stack a jump to a service builds (`:svc api`): its parents, so `esc` walks back up. */
export function stackForService(cluster: string, service: string): ScreenDescriptor[] {
  return [
    { kind: 'clusters' },
    { kind: 'services', cluster },
    { kind: 'service', cluster, service },
  ];
}
