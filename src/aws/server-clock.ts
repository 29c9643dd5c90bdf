/**
 * The clock of the world the app talks to. Against AWS it is real time. The simulator (`sim`,
 * `--demo`) runs time faster, or by hand in tests, and says so on every reply in two headers;
 * client-side timers (an ALB canary's bake, CodeDeploy's read interval) must follow that clock,
 * or a plan against `ecs-rollout sim --speed 60` would bake sixty times too long.
 */
export const SIM_TIME_HEADER = 'x-ecs-rollout-sim-time';
export const SIM_SPEED_HEADER = 'x-ecs-rollout-sim-speed';

export interface WorldClock {
  now(): Date;
  /** True once a reply came from the simulator. */
  readonly simulated: boolean;
}

export class ServerClock implements WorldClock {
  private base: { simMs: number; realMs: number; speed: number } | undefined;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

  get simulated(): boolean {
    return this.base !== undefined;
  }

  /** Reads the simulator's headers from a reply; replies without them leave real time. */
  observe(headers: Readonly<Record<string, string | undefined>>): void {
    const time = Number(headers[SIM_TIME_HEADER]);
    if (!Number.isFinite(time) || time <= 0) return;
    const speed = Number(headers[SIM_SPEED_HEADER]);
    this.base = {
      simMs: time,
      realMs: this.realNow(),
      speed: Number.isFinite(speed) && speed >= 0 ? speed : 1,
    };
  }

  now(): Date {
    if (!this.base) return new Date(this.realNow());
    // between replies the simulated clock moves at its speed (0 for a manual clock)
    return new Date(this.base.simMs + (this.realNow() - this.base.realMs) * this.base.speed);
  }
}
