import type { StrategyId } from '../../deploy/types';

/** How a flag's text becomes a setting value (validated again by the strategy's zod schema). */
export type FlagKind =
  | { type: 'int'; placeholder: string }
  | { type: 'number'; placeholder: string }
  | { type: 'list'; placeholder: string }
  | { type: 'choice'; placeholder: string; choices: readonly string[] }
  /** Registered as `--name` and `--no-name`. */
  | { type: 'bool' };

export interface StrategyFlag {
  /** Kebab-case flag name without dashes, e.g. `min-healthy-percent`. */
  name: string;
  /** The key in the strategy's settings (`DeployRequest.settings`), e.g. `minimumHealthyPercent`. */
  key: string;
  kind: FlagKind;
  description: string;
  /** What applies when the flag is absent, for --help. */
  defaultText: string;
}

/**
 * One strategy's settings flags. A strategy engineer adds a file with one of these and lists
 * it in `index.ts`; flag names must be what `equivalentCommand` prints for the setting (for
 * strategies other than rolling: the key in kebab case), which a test checks.
 */
export interface StrategyFlagSet {
  strategy: StrategyId;
  flags: readonly StrategyFlag[];
}

/** `bakeTimeInMinutes` → `bake-time-in-minutes`, as `equivalentCommand` spells settings. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `min-healthy-percent` → `minHealthyPercent`: commander's attribute name for the flag. */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
