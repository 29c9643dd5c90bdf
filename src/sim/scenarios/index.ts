import type { World } from '../world/world';
import { BIG_DEFAULT_SERVICES, buildBig } from './big';
import { buildDemo } from './demo';

export interface ScenarioOptions {
  /** For `big`: how many services in all. */
  services?: number;
}

export interface Scenario {
  readonly name: string;
  /** One line for `ecs-rollout sim --help` and the unknown-scenario message. */
  readonly description: string;
  build(world: World, options: ScenarioOptions): void;
}

const empty: Scenario = {
  name: 'empty',
  description: 'an account with nothing in it',
  build: () => {},
};

const demo: Scenario = {
  name: 'demo',
  description:
    'production, staging, platform (300 services) and production-eu: every deployment kind, history, bad tags',
  build: (world) => buildDemo(world),
};

const big: Scenario = {
  name: 'big',
  description: `${BIG_DEFAULT_SERVICES.toLocaleString('en-US')} rolling services in cluster "big" (set the number with --services) plus a tiny "small" cluster`,
  build: (world, options) => buildBig(world, options.services),
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = { empty, demo, big };

export function findScenario(name: string): Scenario {
  const scenario = SCENARIOS[name];
  if (!scenario) {
    const known = Object.values(SCENARIOS)
      .map((s) => `${s.name} (${s.description})`)
      .join('; ');
    throw new Error(`unknown scenario "${name}"; known scenarios: ${known}`);
  }
  return scenario;
}
