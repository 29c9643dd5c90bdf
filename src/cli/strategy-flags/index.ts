import { Option, type Command } from 'commander';
import { supportedStrategies } from '../../deploy/engine';
import { STRATEGY_LABELS, type StrategyId } from '../../deploy/types';
import { UsageError } from '../errors';
import { withDefault } from '../global-options';
import { CODEDEPLOY_FLAGS } from './codedeploy';
import { ALB_CANARY_FLAGS } from './alb-canary';
import { BLUE_GREEN_FLAGS, CANARY_FLAGS, LINEAR_FLAGS } from './native';
import { ROLLING_FLAGS } from './rolling';
import { camel, type StrategyFlag, type StrategyFlagSet } from './types';

/** Every strategy's flags. Strategy engineers add their set here as their module lands. */
export const STRATEGY_FLAG_SETS: readonly StrategyFlagSet[] = [
  ROLLING_FLAGS,
  CODEDEPLOY_FLAGS,
  ALB_CANARY_FLAGS,
  BLUE_GREEN_FLAGS,
  LINEAR_FLAGS,
  CANARY_FLAGS,
];

/** One flag as registered: shared by every strategy that lists the same name and kind. */
interface RegisteredFlag {
  flag: StrategyFlag;
  strategies: StrategyId[];
  /** What it means per group of strategies, when they say different things (--alarms). */
  meanings: { strategies: StrategyId[]; description: string; defaultText: string }[];
}

function registry(sets: readonly StrategyFlagSet[]): Map<string, RegisteredFlag> {
  const byName = new Map<string, RegisteredFlag>();
  for (const set of sets) {
    for (const flag of set.flags) {
      const seen = byName.get(flag.name);
      if (seen && kindKey(seen.flag) !== kindKey(flag)) {
        throw new Error(
          `--${flag.name} is declared with two different kinds (${seen.strategies.join(', ')} and ${set.strategy})`,
        );
      }
      const meaning = { description: flag.description, defaultText: flag.defaultText };
      if (seen) {
        seen.strategies.push(set.strategy);
        const same = seen.meanings.find(
          (m) => m.description === meaning.description && m.defaultText === meaning.defaultText,
        );
        if (same) same.strategies.push(set.strategy);
        else seen.meanings.push({ ...meaning, strategies: [set.strategy] });
      } else
        byName.set(flag.name, {
          flag,
          strategies: [set.strategy],
          meanings: [{ ...meaning, strategies: [set.strategy] }],
        });
    }
  }
  return byName;
}

/** What must agree when two strategies share a flag: how its text parses (placeholders may differ). */
function kindKey(flag: StrategyFlag): string {
  const kind = flag.kind;
  return kind.type === 'choice' ? `choice:${[...kind.choices].sort().join('|')}` : kind.type;
}

/** Adds every strategy's flags to `deploy` / `plan`; help names the strategies each applies to. */
export function addStrategyFlags(
  cmd: Command,
  sets: readonly StrategyFlagSet[] = STRATEGY_FLAG_SETS,
): Command {
  for (const { flag, strategies, meanings } of registry(sets).values()) {
    const text = helpText(meanings);
    const kind = flag.kind;
    if (kind.type === 'bool') {
      cmd.addOption(new Option(`--${flag.name}`, text));
      cmd.addOption(
        new Option(`--no-${flag.name}`, `[${strategies.join(', ')}] turn ${flag.name} off`),
      );
      continue;
    }
    const option = new Option(`--${flag.name} ${kind.placeholder}`, text);
    if (kind.type === 'choice') option.choices(kind.choices);
    cmd.addOption(option);
  }
  return cmd;
}

/**
 * `[rolling, canary] what it does (default: X)`; a flag that means something else to some
 * strategies says each meaning, and each default once: `(default: rolling: X; alb-canary: Y)`.
 */
function helpText(meanings: RegisteredFlag['meanings']): string {
  const label = (m: RegisteredFlag['meanings'][number]) => m.strategies.join(', ');
  const description = meanings.map((m) => `[${label(m)}] ${m.description}`).join('; ');
  const defaults = new Set(meanings.map((m) => m.defaultText));
  return withDefault(
    description,
    defaults.size === 1
      ? meanings[0]!.defaultText
      : meanings.map((m) => `${label(m)}: ${m.defaultText}`).join('; '),
  );
}

/**
 * The settings the person gave for `strategy`, parsed from flag text. A flag of another
 * strategy is a usage error that names the right ones; ranges are left to the strategy's zod
 * schema (the engine applies it to the service's current values merged with these).
 */
export function readStrategySettings(
  cmd: Command,
  strategy: StrategyId,
  sets: readonly StrategyFlagSet[] = STRATEGY_FLAG_SETS,
): Record<string, unknown> {
  const values = cmd.opts<Record<string, unknown>>();
  const own = sets.find((s) => s.strategy === strategy)?.flags ?? [];
  const settings: Record<string, unknown> = {};
  for (const { flag, strategies } of registry(sets).values()) {
    const raw = values[camel(flag.name)];
    if (raw === undefined) continue;
    if (!strategies.includes(strategy)) {
      const names = own.map((f) => `--${f.name}`).join(', ');
      throw new UsageError(
        `--${flag.name} is a setting of ${strategies.join(', ')}, not of ${strategy}`,
        names ? `${strategy} takes ${names}` : `${strategy} takes no settings flags`,
      );
    }
    const ownFlag = own.find((f) => f.name === flag.name) ?? flag;
    settings[ownFlag.key] = parseFlagValue(ownFlag, raw);
  }
  return settings;
}

/** Checks the syntax of every strategy flag given, before the strategy is known (no AWS call yet). */
export function checkStrategyFlagSyntax(
  cmd: Command,
  sets: readonly StrategyFlagSet[] = STRATEGY_FLAG_SETS,
): void {
  const values = cmd.opts<Record<string, unknown>>();
  for (const { flag } of registry(sets).values()) {
    const raw = values[camel(flag.name)];
    if (raw !== undefined) parseFlagValue(flag, raw);
  }
}

function parseFlagValue(flag: StrategyFlag, raw: unknown): unknown {
  const kind = flag.kind;
  if (kind.type === 'bool') return raw === true;
  const text = String(raw);
  switch (kind.type) {
    case 'int': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isInteger(n))
        throw new UsageError(
          `--${flag.name} must be a whole number, got "${text}"`,
          `for example --${flag.name} 50`,
        );
      return n;
    }
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n))
        throw new UsageError(
          `--${flag.name} must be a number, got "${text}"`,
          `for example --${flag.name} 10`,
        );
      return n;
    }
    case 'list':
      // `none` says "an empty list" (no alarms, no pauses), where leaving the flag out keeps
      // the service's current setting
      if (text.trim() === 'none') return [];
      return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'choice':
      return text;
  }
}

/** `--strategy X` that this build's engine cannot run: exit 2, naming what it can. */
export function checkSupported(
  strategy: StrategyId,
  supported: readonly StrategyId[] = supportedStrategies(),
): void {
  if (!supported.includes(strategy)) {
    throw new UsageError(
      `${STRATEGY_LABELS[strategy]} (--strategy ${strategy}) is not supported by this build`,
      `supported strategies: ${supported.join(', ')}`,
    );
  }
}
