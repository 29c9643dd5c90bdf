import { describe, expect, it, vi } from 'vitest';
import { createPalette, parsePaletteInput, type PaletteContext } from './palette';

function context(over: Partial<PaletteContext> = {}): PaletteContext & {
  go: ReturnType<typeof vi.fn>;
  push: ReturnType<typeof vi.fn>;
} {
  return {
    scope: { cluster: 'production' },
    readOnly: false,
    go: vi.fn(),
    push: vi.fn(),
    quit: vi.fn(),
    help: vi.fn(),
    setProfile: vi.fn(),
    setRegion: vi.fn(),
    names: {
      services: (cluster) => (cluster === 'production' ? ['api', 'auth', 'web-api'] : []),
      profiles: () => ['dev', 'prod'],
      regions: () => ['eu-west-1', 'us-west-2'],
    },
    ...over,
  } as PaletteContext & { go: ReturnType<typeof vi.fn>; push: ReturnType<typeof vi.fn> };
}

describe('command palette', () => {
  const palette = createPalette([], { readOnly: false });

  it('parses a command and its argument', () => {
    expect(parsePaletteInput(':svc  api ')).toEqual({ name: 'svc', arg: 'api' });
    expect(parsePaletteInput('q')).toEqual({ name: 'q', arg: '' });
  });

  it('completes command names, then names for the command', () => {
    const ctx = context();
    expect(palette.complete('', ctx)).toEqual([
      'clusters',
      'svc',
      'profile',
      'region',
      'deploy',
      'help',
      'q',
    ]);
    expect(palette.complete('re', ctx)).toEqual(['region']);
    // prefix matches first, then names that contain the text
    expect(palette.complete('svc a', ctx)).toEqual(['svc api', 'svc auth', 'svc web-api']);
    expect(palette.complete('region us', ctx)).toEqual(['region us-west-2']);
    const top = context({ scope: {}, names: { clusters: () => ['production', 'staging'] } });
    expect(palette.complete('svc st', top)).toEqual(['svc staging/']);
  });

  it(':svc NAME opens the service with its parents on the stack', () => {
    const ctx = context();
    expect(palette.run(':svc api', ctx)).toBeUndefined();
    expect(ctx.go).toHaveBeenCalledWith([
      { kind: 'clusters' },
      { kind: 'services', cluster: 'production' },
      { kind: 'service', cluster: 'production', service: 'api' },
    ]);
  });

  it(':svc CLUSTER/NAME works from anywhere; :svc alone needs a cluster', () => {
    const ctx = context({ scope: {} });
    expect(palette.run('svc', ctx)).toMatch(/needs a cluster/);
    palette.run('svc staging/web', ctx);
    expect(ctx.go).toHaveBeenCalledWith(
      expect.arrayContaining([{ kind: 'service', cluster: 'staging', service: 'web' }]),
    );
  });

  it(':clusters, :profile, :region, :help and :q do their thing', () => {
    const ctx = context();
    palette.run('clusters', ctx);
    expect(ctx.go).toHaveBeenCalledWith([{ kind: 'clusters' }]);
    palette.run('profile prod', ctx);
    expect(ctx.setProfile).toHaveBeenCalledWith('prod');
    palette.run('region us-west-2', ctx);
    expect(ctx.setRegion).toHaveBeenCalledWith('us-west-2');
    expect(palette.run('profile', ctx)).toMatch(/needs a name/);
    palette.run('help', ctx);
    expect(ctx.help).toHaveBeenCalled();
    palette.run('q', ctx);
    expect(ctx.quit).toHaveBeenCalled();
  });

  it(':deploy needs a service in view', () => {
    expect(palette.run('deploy', context())).toMatch(/needs a service/);
    const ctx = context({ scope: { cluster: 'production', service: 'api' } });
    expect(palette.run('deploy', ctx)).toBeUndefined();
    expect(ctx.push).toHaveBeenCalledWith({
      kind: 'deploy',
      cluster: 'production',
      service: 'api',
    });
  });

  it('says so for an unknown command', () => {
    expect(palette.run('frobnicate now', context())).toBe('unknown command :frobnicate, try :help');
  });

  it('has no :deploy in read-only mode and says why', () => {
    const ro = createPalette([], { readOnly: true });
    expect(ro.complete('d', context())).toEqual([]);
    expect(ro.run('deploy', context({ scope: { cluster: 'p', service: 'a' } }))).toMatch(
      /read-only/,
    );
  });

  it('takes extra commands from the container', () => {
    const run = vi.fn(() => undefined);
    const p = createPalette([{ name: 'events', description: 'events', run }], { readOnly: false });
    p.run('events x', context());
    expect(run).toHaveBeenCalledWith('x', expect.anything());
  });
});
