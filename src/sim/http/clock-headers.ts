import type { ServerResponse } from 'node:http';
import { ScaledClock, type SimClock } from '../clock';

/**
 * Every reply says what time it is in the simulated world and how fast that time runs, so a
 * client's own timers (an ALB canary's bake) can follow it. The app reads these in src/aws
 * (server-clock.ts, same names; a test keeps them equal).
 */
export const SIM_TIME_HEADER = 'x-ecs-rollout-sim-time';
export const SIM_SPEED_HEADER = 'x-ecs-rollout-sim-speed';

export function setClockHeaders(res: ServerResponse, clock: SimClock): void {
  res.setHeader(SIM_TIME_HEADER, String(clock.now()));
  // a manual clock stands still between steps a test makes
  res.setHeader(SIM_SPEED_HEADER, String(clock instanceof ScaledClock ? clock.speed : 0));
}
