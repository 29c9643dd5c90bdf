import type { SimClock } from '../clock';
import { Rng } from '../rng';
import { ImageBehaviours } from './image-behaviour';
import { Scheduler } from '../scheduler';
import { createCloudWatchState, type CloudWatchState } from '../services/cloudwatch/state';
import { createCodeDeployState, type CodeDeployState } from '../services/codedeploy/state';
import { createEcrState, type EcrState } from '../services/ecr/state';
import { createEcsState, type EcsState } from '../services/ecs/state';
import { createElbState, type ElbState } from '../services/elbv2/state';

/** Every resource of one account in one region. */
export interface RegionState {
  readonly region: string;
  readonly accountId: string;
  readonly ecs: EcsState;
  readonly elbv2: ElbState;
  readonly codedeploy: CodeDeployState;
  readonly ecr: EcrState;
  readonly cloudwatch: CloudWatchState;
}

export interface WorldOptions {
  clock: SimClock;
  seed?: number;
  accountId?: string;
  /** The principal STS GetCallerIdentity reports. */
  principal?: string;
}

/**
 * The simulated AWS account: resources per region, a seeded RNG for ids, and a scheduler on
 * simulated time that engines use to make things happen later.
 */
export class World {
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly scheduler: Scheduler;
  readonly accountId: string;
  readonly principal: string;
  readonly defaultRegion = 'us-east-1';
  /** Bad versions: images that crash, fail health checks or answer 5xx when run. */
  readonly images = new ImageBehaviours();
  private readonly regions = new Map<string, RegionState>();

  constructor(opts: WorldOptions) {
    this.clock = opts.clock;
    this.rng = new Rng(opts.seed ?? 1);
    this.scheduler = new Scheduler(opts.clock.now());
    this.accountId = opts.accountId ?? '123456789012';
    this.principal = opts.principal ?? `arn:aws:iam::${this.accountId}:user/demo-operator`;
  }

  /** Simulated time in epoch ms, as far as the world has run. */
  get now(): number {
    return this.scheduler.now;
  }

  /** Runs every scheduled event due by the clock's current time. */
  catchUp(): void {
    this.scheduler.runUntil(this.clock.now());
  }

  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = {
        region: name,
        accountId: this.accountId,
        ecs: createEcsState(),
        elbv2: createElbState(),
        codedeploy: createCodeDeployState(),
        ecr: createEcrState(),
        cloudwatch: createCloudWatchState(),
      };
      this.regions.set(name, state);
    }
    return state;
  }

  regionNames(): string[] {
    return [...this.regions.keys()];
  }
}
