import type { World } from '../../world/world';

// When things happened in the demo's past. Every version of a service is built and pushed by
// CI (`pushedAt`), goes to staging minutes later, and to production on a later working day,
// so the history reads like a real team's. Random draws never depend on the clock, so the same
// seed gives the same ids whatever time the demo starts.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface VersionTimes {
  tag: string;
  /** The image was pushed to ECR. */
  pushedAt: number;
  /** CI deployed it to staging (undefined for a hotfix that went straight to production). */
  stagingAt?: number;
  /** Someone released it to production (undefined: not released yet). */
  productionAt?: number;
}

/** Start of the UTC day that holds `t`. */
function dayStart(t: number): number {
  return t - (((t % DAY) + DAY) % DAY);
}

function isWeekend(t: number): boolean {
  const day = new Date(t).getUTCDay();
  return day === 0 || day === 6;
}

/** A time in US office hours (14:00-21:59 UTC) on the UTC day `daysAgo` before now. */
function officeHour(base: number, daysAgo: number, minutes: number): number {
  return dayStart(base) - daysAgo * DAY + 14 * HOUR + minutes * MINUTE;
}

export interface CalendarOptions {
  /** How many of the newest versions are in staging only. Default 1. */
  pending?: number;
  /** Hotfixes skip staging and go to production within the hour. */
  hotfixes?: readonly string[];
  /** Shift the whole history this many days further back (a service nobody touches). */
  idleDays?: number;
}

/**
 * Times for a service's versions, oldest first. The newest `pending` versions are in staging
 * only (pushed in the last few hours); the others reached production, the newest of them days
 * ago and each older one three to eight days before the next.
 */
export function versionCalendar(
  world: World,
  tags: readonly string[],
  opts: CalendarOptions = {},
): VersionTimes[] {
  const { rng } = world;
  const now = world.now;
  const pending = opts.pending ?? 1;
  const hotfixes = new Set(opts.hotfixes ?? []);
  const released = tags.length - pending;
  const out: VersionTimes[] = new Array<VersionTimes>(tags.length);
  // the pending ones: pushed hours ago, newest last
  let ago = rng.int(150, 200) * MINUTE;
  for (let i = tags.length - 1; i >= released; i--) {
    const pushedAt = now - ago;
    out[i] = { tag: tags[i]!, pushedAt, stagingAt: pushedAt + rng.int(12, 25) * MINUTE };
    ago += rng.int(40, 90) * MINUTE;
  }
  // five days back at least, so even a Friday build released on Monday is in the past
  let daysAgo = rng.int(5, 7) + (opts.idleDays ?? 0);
  for (let i = released - 1; i >= 0; i--) {
    let pushedAt = officeHour(now, daysAgo, rng.int(0, 7 * 60 + 59));
    // nobody ships at the weekend: the build happened on the Friday before
    while (isWeekend(pushedAt)) {
      pushedAt -= DAY;
      daysAgo++;
    }
    // released in office hours on the next working day
    let productionAt = officeHour(pushedAt, -1, rng.int(0, 7 * 60 + 59));
    while (isWeekend(productionAt)) productionAt += DAY;
    const stagingAt = pushedAt + rng.int(12, 25) * MINUTE;
    out[i] = { tag: tags[i]!, pushedAt, stagingAt, productionAt };
    daysAgo += rng.int(3, 8);
  }
  // a hotfix goes straight out, after whatever was released before it
  for (let i = 0; i < released; i++) {
    const v = out[i]!;
    if (!hotfixes.has(v.tag)) continue;
    const before = i > 0 ? out[i - 1]!.productionAt! : 0;
    v.productionAt = Math.max(v.pushedAt + 20 * MINUTE, before + 3 * HOUR);
    delete v.stagingAt;
  }
  return out;
}

/** How long a healthy deployment takes, by strategy, in ms (bake times included). */
export function deploymentDuration(
  world: World,
  strategy: string | undefined,
  bakeMinutes: number,
  shiftMinutes = 0,
): number {
  const base = strategy === undefined || strategy === 'ROLLING' ? 3 : 5;
  return (base + bakeMinutes + shiftMinutes) * MINUTE + world.rng.int(10, 150) * 1000;
}
