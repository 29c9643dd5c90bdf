import { describe, expect, it } from 'vitest';
import {
  breadcrumbs,
  currentScope,
  initialRouterState,
  routerReducer,
  stackForService,
  topOf,
} from './router';

describe('screen stack', () => {
  it('starts on the cluster list', () => {
    expect(topOf(initialRouterState()).screen).toEqual({ kind: 'clusters' });
  });

  it('pushes, pops and replaces, giving each entry a fresh id', () => {
    let s = initialRouterState();
    s = routerReducer(s, { type: 'push', screen: { kind: 'services', cluster: 'production' } });
    s = routerReducer(s, {
      type: 'push',
      screen: { kind: 'service', cluster: 'production', service: 'api' },
    });
    expect(s.stack.map((e) => e.screen.kind)).toEqual(['clusters', 'services', 'service']);
    const before = topOf(s).id;
    s = routerReducer(s, {
      type: 'replace',
      screen: { kind: 'service', cluster: 'production', service: 'api', tab: 'tasks' },
    });
    expect(topOf(s).id).not.toBe(before);
    expect(topOf(s).screen).toMatchObject({ tab: 'tasks' });
    s = routerReducer(s, { type: 'pop' });
    expect(topOf(s).screen).toEqual({ kind: 'services', cluster: 'production' });
  });

  it('never pops the last screen', () => {
    const s = initialRouterState();
    expect(routerReducer(s, { type: 'pop' })).toBe(s);
  });

  it('resets to a whole new stack, or the cluster list when given none', () => {
    const s = routerReducer(initialRouterState(), { type: 'reset', stack: [] });
    expect(s.stack.map((e) => e.screen)).toEqual([{ kind: 'clusters' }]);
  });

  it('derives breadcrumbs from the stack', () => {
    const s = initialRouterState(stackForService('production', 'api'));
    expect(breadcrumbs(s.stack)).toEqual(['Clusters', 'production', 'api']);
  });

  it('implies the parents of a deep-linked screen', () => {
    const s = initialRouterState([{ kind: 'monitor', cluster: 'production', service: 'api' }]);
    expect(breadcrumbs(s.stack)).toEqual(['Clusters', 'production', 'api', 'rollout']);
  });

  it('uses registered titles', () => {
    const s = initialRouterState(stackForService('production', 'api'));
    expect(breadcrumbs(s.stack, (d) => d.kind.toUpperCase())).toEqual([
      'CLUSTERS',
      'SERVICES',
      'SERVICE',
    ]);
  });

  it('knows the cluster and service in view', () => {
    expect(currentScope(initialRouterState().stack)).toEqual({});
    const s = initialRouterState([
      ...stackForService('staging', 'web'),
      { kind: 'deploy', cluster: 'staging', service: 'web' },
    ]);
    expect(currentScope(s.stack)).toEqual({ cluster: 'staging', service: 'web' });
  });
});
