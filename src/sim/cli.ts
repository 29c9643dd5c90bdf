import {
  parseFaultSpec,
  SimulatorStartError,
  startSimulator,
  type RunningSimulator,
} from './index';
import { SCENARIOS } from './scenarios';

export interface SimCommandOptions {
  host: string;
  port: number;
  scenario: string;
  seed: number;
  speed: number;
  services?: number;
  fault: string[];
  rateLimits?: 'aws' | 'off';
}

/** The lines `ecs-rollout sim` prints: where it listens and how to point tools at it. */
export function describeEndpoint(sim: RunningSimulator, opts: SimCommandOptions): string[] {
  return [
    `ecs-rollout sim: scenario "${opts.scenario}" (seed ${opts.seed}, speed ${opts.speed}x) listening on ${sim.endpoint}`,
    '',
    'Point the AWS CLI, an SDK or ecs-rollout at it:',
    `  export AWS_ENDPOINT_URL=${sim.endpoint}`,
    '  export AWS_ACCESS_KEY_ID=sim AWS_SECRET_ACCESS_KEY=sim AWS_REGION=us-east-1',
    '  aws ecs list-clusters',
    `  ecs-rollout --endpoint-url ${sim.endpoint}`,
    '',
    'Ctrl-C stops it.',
  ];
}

export function knownScenarios(): string {
  return Object.values(SCENARIOS)
    .map((s) => `  ${s.name.padEnd(8)} ${s.description}`)
    .join('\n');
}

/** Runs the simulator in the foreground until SIGINT/SIGTERM. */
export async function runSimCommand(
  opts: SimCommandOptions,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const faults = opts.fault.map((spec) => {
    try {
      return parseFaultSpec(spec);
    } catch (error) {
      // a bad --fault is bad usage (exit 2), said before anything listens
      throw new SimulatorStartError(
        `--fault ${spec}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  const sim = await startSimulator({
    host: opts.host,
    port: opts.port,
    scenario: opts.scenario,
    seed: opts.seed,
    speed: opts.speed,
    ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
    ...(opts.services !== undefined ? { scenarioOptions: { services: opts.services } } : {}),
    onInternalError: (error, service, operation) =>
      err(
        `sim: internal error in ${service} ${operation}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  });
  for (const fault of faults) sim.faults.add(fault);
  for (const line of describeEndpoint(sim, opts)) out(line);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
  out('ecs-rollout sim: stopped');
  return 0;
}
