import { createHash } from 'node:crypto';
import type { ComputePlatform } from './state';

// The predefined deployment configurations. ECS linear names end in "Minutes" even for one
// minute; the Lambda ones say "Every1Minute" (aws-semantics D.2).

export interface TrafficRouting {
  type: 'AllAtOnce' | 'TimeBasedCanary' | 'TimeBasedLinear';
  /** canary: first step; linear: every step (percent). */
  percentage?: number;
  /** minutes between steps */
  intervalMinutes?: number;
}

export interface DeploymentConfig {
  name: string;
  computePlatform: ComputePlatform;
  trafficRouting?: TrafficRouting;
  minimumHealthyHosts?: { type: 'HOST_COUNT' | 'FLEET_PERCENT'; value: number };
}

const all = (name: string, computePlatform: ComputePlatform): DeploymentConfig => ({
  name,
  computePlatform,
  trafficRouting: { type: 'AllAtOnce' },
});
const canary = (
  name: string,
  platform: ComputePlatform,
  pct: number,
  min: number,
): DeploymentConfig => ({
  name,
  computePlatform: platform,
  trafficRouting: { type: 'TimeBasedCanary', percentage: pct, intervalMinutes: min },
});
const linear = (
  name: string,
  platform: ComputePlatform,
  pct: number,
  min: number,
): DeploymentConfig => ({
  name,
  computePlatform: platform,
  trafficRouting: { type: 'TimeBasedLinear', percentage: pct, intervalMinutes: min },
});

export const PREDEFINED_CONFIGS: readonly DeploymentConfig[] = [
  {
    name: 'CodeDeployDefault.OneAtATime',
    computePlatform: 'Server',
    minimumHealthyHosts: { type: 'HOST_COUNT', value: 1 },
  },
  {
    name: 'CodeDeployDefault.HalfAtATime',
    computePlatform: 'Server',
    minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 },
  },
  {
    name: 'CodeDeployDefault.AllAtOnce',
    computePlatform: 'Server',
    minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 },
  },
  all('CodeDeployDefault.LambdaAllAtOnce', 'Lambda'),
  canary('CodeDeployDefault.LambdaCanary10Percent5Minutes', 'Lambda', 10, 5),
  canary('CodeDeployDefault.LambdaCanary10Percent10Minutes', 'Lambda', 10, 10),
  canary('CodeDeployDefault.LambdaCanary10Percent15Minutes', 'Lambda', 10, 15),
  canary('CodeDeployDefault.LambdaCanary10Percent30Minutes', 'Lambda', 10, 30),
  linear('CodeDeployDefault.LambdaLinear10PercentEvery1Minute', 'Lambda', 10, 1),
  linear('CodeDeployDefault.LambdaLinear10PercentEvery2Minutes', 'Lambda', 10, 2),
  linear('CodeDeployDefault.LambdaLinear10PercentEvery3Minutes', 'Lambda', 10, 3),
  linear('CodeDeployDefault.LambdaLinear10PercentEvery10Minutes', 'Lambda', 10, 10),
  all('CodeDeployDefault.ECSAllAtOnce', 'ECS'),
  canary('CodeDeployDefault.ECSCanary10Percent5Minutes', 'ECS', 10, 5),
  canary('CodeDeployDefault.ECSCanary10Percent15Minutes', 'ECS', 10, 15),
  linear('CodeDeployDefault.ECSLinear10PercentEvery1Minutes', 'ECS', 10, 1),
  linear('CodeDeployDefault.ECSLinear10PercentEvery3Minutes', 'ECS', 10, 3),
];

const BY_NAME = new Map(PREDEFINED_CONFIGS.map((c) => [c.name, c]));

export function findDeploymentConfig(name: string): DeploymentConfig | undefined {
  return BY_NAME.get(name);
}

/** A stable id per config name (real ones are fixed UUIDs too). */
export function deploymentConfigId(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** When the predefined configurations "were created". */
export const PREDEFINED_CREATED_AT = Date.UTC(2018, 10, 27);

/** Where traffic-weight steps land: [10, 20, ..., 100] for linear 10%, [10, 100] for canary. */
export function trafficSteps(config: DeploymentConfig): number[] {
  const r = config.trafficRouting;
  if (!r || r.type === 'AllAtOnce') return [100];
  if (r.type === 'TimeBasedCanary') return [r.percentage ?? 10, 100];
  const steps: number[] = [];
  for (let p = r.percentage ?? 10; p < 100; p += r.percentage ?? 10) steps.push(p);
  return [...steps, 100];
}
