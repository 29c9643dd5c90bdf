/**
 * The `:` command palette without React: a registry of commands, parsing, completion and
 * running. Built-ins cover the product's list; the container may add more through App props.
 */
import type { ScreenDescriptor } from './router';

export interface PaletteContext {
  /** The cluster and service on screen, if any. */
  scope: { cluster?: string; service?: string };
  readOnly: boolean;
  go: (stack: readonly ScreenDescriptor[]) => void;
  push: (screen: ScreenDescriptor) => void;
  quit: () => void;
  help: () => void;
  setProfile?: (name: string) => void;
  setRegion?: (name: string) => void;
  /** Names for completion; each may be absent when the container has none. */
  names: {
    clusters?: () => readonly string[];
    services?: (cluster: string) => readonly string[];
    profiles?: () => readonly string[];
    regions?: () => readonly string[];
  };
}

export interface PaletteCommand {
  name: string;
  aliases?: readonly string[];
  /** Shown next to the name in the palette: `:svc NAME`. */
  usage?: string;
  description: string;
  /** Hidden and refused with --read-only. */
  mutating?: boolean;
  /** Candidate arguments for completion (already filtered by the prefix is not required). */
  complete?: (ctx: PaletteContext) => readonly string[];
  /** Does it; returns an error message for the flash line when it cannot. */
  run: (arg: string, ctx: PaletteContext) => string | undefined;
}

export function parsePaletteInput(text: string): { name: string; arg: string } {
  const trimmed = text.trim().replace(/^:/, '');
  const space = trimmed.search(/\s/);
  if (space < 0) return { name: trimmed, arg: '' };
  return { name: trimmed.slice(0, space), arg: trimmed.slice(space).trim() };
}

function need(arg: string, what: string): string | undefined {
  return arg === '' ? `${what} needs a name, e.g. ${what} prod` : undefined;
}

export const BUILTIN_COMMANDS: readonly PaletteCommand[] = [
  {
    name: 'clusters',
    aliases: ['cl', 'cluster'],
    description: 'list clusters',
    run: (_arg, ctx) => {
      ctx.go([{ kind: 'clusters' }]);
      return undefined;
    },
  },
  {
    name: 'svc',
    aliases: ['service', 'services'],
    usage: 'svc [NAME | CLUSTER/NAME]',
    description: 'open a service, or the services of the cluster on screen',
    // with no cluster in view, offer `CLUSTER/` so the service can be named next
    complete: (ctx) =>
      ctx.scope.cluster
        ? (ctx.names.services?.(ctx.scope.cluster) ?? [])
        : (ctx.names.clusters?.() ?? []).map((c) => `${c}/`),
    run: (arg, ctx) => {
      const [cluster, service] = arg.includes('/')
        ? (arg.split('/', 2).map((part) => part.trim()) as [string, string])
        : [ctx.scope.cluster, arg];
      if (!cluster) return ':svc needs a cluster: open one first, or use :svc CLUSTER/NAME';
      if (!service) {
        ctx.go([{ kind: 'clusters' }, { kind: 'services', cluster }]);
        return undefined;
      }
      ctx.go([
        { kind: 'clusters' },
        { kind: 'services', cluster },
        { kind: 'service', cluster, service },
      ]);
      return undefined;
    },
  },
  {
    name: 'profile',
    usage: 'profile NAME',
    description: 'switch AWS profile',
    complete: (ctx) => ctx.names.profiles?.() ?? [],
    run: (arg, ctx) => {
      if (!ctx.setProfile) return 'switching profile is not available here';
      const missing = need(arg, ':profile');
      if (missing) return missing;
      ctx.setProfile(arg);
      return undefined;
    },
  },
  {
    name: 'region',
    usage: 'region NAME',
    description: 'switch region',
    complete: (ctx) => ctx.names.regions?.() ?? [],
    run: (arg, ctx) => {
      if (!ctx.setRegion) return 'switching region is not available here';
      const missing = need(arg, ':region');
      if (missing) return missing;
      ctx.setRegion(arg);
      return undefined;
    },
  },
  {
    name: 'deploy',
    description: 'deploy the service on screen',
    mutating: true,
    run: (_arg, ctx) => {
      const { cluster, service } = ctx.scope;
      if (!cluster || !service) return ':deploy needs a service: open one first (:svc NAME)';
      ctx.push({ kind: 'deploy', cluster, service });
      return undefined;
    },
  },
  {
    name: 'help',
    aliases: ['h', '?'],
    description: 'show every key',
    run: (_arg, ctx) => {
      ctx.help();
      return undefined;
    },
  },
  {
    name: 'q',
    aliases: ['quit', 'q!'],
    description: 'quit',
    run: (_arg, ctx) => {
      ctx.quit();
      return undefined;
    },
  },
];

export interface Palette {
  commands: readonly PaletteCommand[];
  find(name: string): PaletteCommand | undefined;
  /** Full-line candidates for what is typed so far: `svc a` -> [`svc api`, `svc auth`]. */
  complete(text: string, ctx: PaletteContext): string[];
  /** Runs a line; returns the message to flash when it failed. */
  run(text: string, ctx: PaletteContext): string | undefined;
}

export function createPalette(
  extra: readonly PaletteCommand[] = [],
  options: { readOnly: boolean },
): Palette {
  const all = [...BUILTIN_COMMANDS, ...extra];
  const commands = all.filter((c) => !(options.readOnly && c.mutating));
  const matches = (c: PaletteCommand, name: string) =>
    c.name === name || (c.aliases ?? []).includes(name);
  const find = (name: string) => commands.find((c) => matches(c, name));

  return {
    commands,
    find,
    complete(text, ctx) {
      const stripped = text.replace(/^:/, '').trimStart();
      const { name, arg } = parsePaletteInput(stripped);
      if (!/\s/.test(stripped)) {
        return commands.filter((c) => c.name.startsWith(name)).map((c) => c.name);
      }
      const command = find(name);
      if (!command?.complete) return [];
      const lower = arg.toLowerCase();
      const names = command.complete(ctx);
      // prefix matches first, then names that merely contain what was typed
      const prefix = names.filter((n) => n.toLowerCase().startsWith(lower));
      const contains = names.filter(
        (n) => !n.toLowerCase().startsWith(lower) && n.toLowerCase().includes(lower),
      );
      return [...prefix, ...contains].map((n) => `${command.name} ${n}`);
    },
    run(text, ctx) {
      const { name, arg } = parsePaletteInput(text);
      if (name === '') return undefined;
      const command = find(name);
      if (!command) {
        if (all.some((c) => matches(c, name)))
          return `:${name} changes AWS and is off with --read-only`;
        return `unknown command :${name}, try :help`;
      }
      return command.run(arg, ctx);
    },
  };
}
