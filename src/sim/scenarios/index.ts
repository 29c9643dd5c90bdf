import type { World } from '../world/world';

export interface ScenarioOptions {
  /** For `big`: how many services in all. */
  services?: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  build(world: World, options: ScenarioOptions): void;
}

const empty: Scenario = {
  name: 'empty',
  description: 'an account with nothing in it',
  build: () => {},
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = { empty };

export function findScenario(name: string): Scenario {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    throw new Error(
      `unknown scenario "${name}"; known scenarios: ${Object.keys(SCENARIOS).join(', ')}`,
    );
  }
  return scenario;
}
