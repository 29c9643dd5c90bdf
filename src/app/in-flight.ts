/**
 * What this session changed on AWS, for the lines printed after the full screen is restored
 * (q, Ctrl-C, SIGTERM, SIGHUP, a crash): deployments run server-side and carry on without the
 * app, so the person (or the CI log) is told what was started, what was sent and never
 * answered, and the commands to watch or roll it back (perf-reliability 4.2).
 *
 * Two sources. The gateway's call recorder (`track`) sees every mutating call, whichever screen
 * made it, so nothing is missed. Screens may add what only they know (`register`): a rollout's
 * state. An ALB canary plan moves only while a client drives it: the plans this app drove
 * (`drive`) are stopped when it ends (`haltDrivers`, before the summary), and the summary says
 * where each stands on its rule and the commands that go on from there. No React here.
 */
import type { AwsGateway, CallEvent, PendingWrite } from '../aws/gateway';
import type { PlanStanding } from '../deploy/alb-canary/standing';

/** A plan this session drives (an ALB canary), as the app's end needs it. */
export interface PlanDriver {
  /** The pair and the rule carrying the plan: its writes are the plan's changes. */
  readonly ref: { cluster: string; stableService: string; ruleArn: string };
  /** Stops driving at once: nothing more is sent (the app ends without asking). */
  halt(): void;
  /** Where the plan stands, as last read or written; undefined before the first read. */
  standing(): PlanStanding | undefined;
}

interface Change {
  /** `prod/api`, `listener rule …`, `CodeDeploy web/web-prod`. */
  target: string;
  cluster?: string;
  service?: string;
  what: string[];
  /** An ALB canary plan: it moves only while some client drives it. */
  clientDriven?: boolean;
}

export interface InFlightOptions {
  /** The flags that reach the same account from the CLI (`--profile p --region r`). */
  flags: string;
  /** The AWS side is an in-process simulator that ends with the app (--demo). */
  ephemeral?: boolean;
}

export class InFlight {
  private readonly changes = new Map<string, Change>();
  private readonly notes = new Map<string, () => string[]>();
  private readonly pending = new Set<() => readonly PendingWrite[]>();
  /** Listener rules carrying an ALB canary plan, to the pair's cluster and stable service. */
  private readonly ruleOwners = new Map<string, { cluster: string; service: string }>();
  /** Plans this session drove, by `cluster/stable service`; the latest driver of each. */
  private readonly drivers = new Map<string, PlanDriver>();
  private flags = '';
  private ephemeral = false;

  /** Follows a gateway's writes until the returned function is called. */
  track(gw: AwsGateway, options: InFlightOptions): () => void {
    this.flags = options.flags;
    this.ephemeral = options.ephemeral === true;
    const unsubscribe = gw.calls.subscribe((e) => this.record(e));
    const pending = () => gw.calls.pendingWrites?.() ?? [];
    this.pending.add(pending);
    return () => {
      unsubscribe();
      // what it sent and never heard back about still matters at exit
      const left = pending();
      this.pending.delete(pending);
      if (left.length) this.pending.add(() => left);
    };
  }

  /** A screen's own lines about work it follows (one-line call from the screen; `undefined` clears). */
  register(key: string, describe: (() => string[]) | undefined): () => void {
    if (describe) this.notes.set(key, describe);
    else this.notes.delete(key);
    return () => {
      if (this.notes.get(key) === describe) this.notes.delete(key);
    };
  }

  /**
   * A plan this session drives; it stays known after its screen is gone (the summary says where
   * it stands) until another driver of the same plan takes its place.
   */
  drive(driver: PlanDriver): void {
    const { cluster, stableService: service, ruleArn } = driver.ref;
    const key = `${cluster}/${service}`;
    this.drivers.set(key, driver);
    // the rule's writes belong to the plan's pair, also those made before (attached to a plan
    // someone else started, nothing so far named the pair)
    this.ruleOwners.set(ruleArn, { cluster, service });
    const unowned = this.changes.get(`listener rule ${ruleArn}`);
    if (!unowned) return;
    this.changes.delete(unowned.target);
    const owned = this.changes.get(key);
    this.changes.set(key, {
      target: key,
      cluster,
      service,
      clientDriven: true,
      what: [...unowned.what, ...(owned?.what ?? [])].slice(-4),
    });
  }

  /** The app is ending: every plan it drove stops being driven, now. */
  haltDrivers(): void {
    for (const d of this.drivers.values()) {
      try {
        d.halt();
      } catch {
        // one broken driver must not keep the others going
      }
    }
  }

  /** The lines to print after the screen is restored; empty when nothing was changed. */
  summary(): string[] {
    const unanswered = [...this.pending].flatMap((p) => p());
    const notes = [...this.notes.values()].flatMap((d) => safe(d));
    if (this.changes.size === 0 && unanswered.length === 0 && notes.length === 0) return [];
    const cmd = (verb: string, c: Change) =>
      `ecs-rollout ${verb} --cluster ${c.cluster} --service ${c.service}${this.flags}`;
    const lines = [
      this.ephemeral
        ? 'ecs-rollout: this session changed the built-in simulator (--demo), which ended with the app:'
        : 'ecs-rollout: this session changed AWS; deployments it started run on without this app:',
    ];
    const plans = this.standings();
    // the canary service's own changes (its new revision) are part of its plan: said with it
    const partOfPlan = new Set([...plans.values()].map((p) => `${p.cluster}/${p.canaryService}`));
    for (const c of this.changes.values()) {
      if (partOfPlan.has(c.target)) continue;
      const plan = plans.get(c.target);
      const canary = plan && this.changes.get(`${plan.cluster}/${plan.canaryService}`);
      const what = [
        ...c.what,
        ...(canary ? canary.what.map((w) => `${plan.canaryService} ${w}`) : []),
      ];
      lines.push(`  ${c.target}: ${what.join('; ')}`);
      if (!c.cluster || !c.service || this.ephemeral) continue;
      if (plan) {
        lines.push(`    canary plan on the rule: ${plan.state}`);
        if (plan.holds) lines.push(`    this app no longer drives it: ${plan.holds}`);
        for (const next of plan.next)
          lines.push(`    ${`${next.label}:`.padEnd(16)} ${cmd(next.command, c)}`);
        continue;
      }
      if (c.clientDriven)
        lines.push(
          '    an ALB canary holds its weights until a client drives it again; watch resumes it from the rule tags',
        );
      lines.push(`    watch or resume: ${cmd('watch', c)}`);
      lines.push(`    roll back:       ${cmd('rollback', c)}`);
    }
    for (const w of unanswered) {
      const where = w.resource ? ` on ${w.resource}` : '';
      lines.push(
        `  NO ANSWER: ${w.service}:${w.operation}${where} was sent and the app ended before AWS replied: it may or may not have happened`,
      );
      if (w.details?.cluster && w.details.service && !this.ephemeral)
        lines.push(
          `    check: ecs-rollout status --cluster ${w.details.cluster} --service ${w.details.service}${this.flags}`,
        );
    }
    for (const n of notes) lines.push(`  ${n}`);
    if (!this.ephemeral) lines.push('  every change is in the audit log: ecs-rollout audit');
    return lines;
  }

  /** Where each driven plan stands, by `cluster/stable service`. */
  private standings(): Map<string, PlanStanding> {
    const found = new Map<string, PlanStanding>();
    for (const [key, d] of this.drivers) {
      let standing: PlanStanding | undefined;
      try {
        standing = d.standing();
      } catch {
        standing = undefined;
      }
      // said only for plans this session changed
      if (standing && this.changes.has(key)) found.set(key, standing);
    }
    return found;
  }

  /** Forgets everything (tests). */
  clear(): void {
    this.drivers.clear();
    this.changes.clear();
    this.notes.clear();
    this.pending.clear();
    this.ruleOwners.clear();
  }

  private record(e: CallEvent): void {
    if (!e.mutating || e.outcome === 'refused') return;
    const d = e.details ?? {};
    const rule = d.rule ?? d.resources;
    if (rule && d.cluster && d.service)
      this.ruleOwners.set(rule, { cluster: d.cluster, service: d.service });
    const owner = rule ? this.ruleOwners.get(rule) : undefined;
    const key: Omit<Change, 'what'> = owner
      ? { target: `${owner.cluster}/${owner.service}`, ...owner, clientDriven: true }
      : targetOf(e);
    const change = this.changes.get(key.target) ?? { ...key, what: [] };
    if (key.clientDriven) change.clientDriven = true;
    const said = describe(e, d);
    if (said !== undefined && change.what.at(-1) !== said) change.what.push(said);
    // a long ALB canary writes many steps: the last few say where it stands
    if (change.what.length > 4) change.what.splice(0, change.what.length - 4);
    this.changes.set(key.target, change);
  }
}

function safe(describe: () => string[]): string[] {
  try {
    return describe();
  } catch {
    return [];
  }
}

function targetOf(e: CallEvent): Omit<Change, 'what'> {
  const d = e.details ?? {};
  if (d.cluster && d.service)
    return { target: `${d.cluster}/${d.service}`, cluster: d.cluster, service: d.service };
  if (d.rule) return { target: `listener rule ${d.rule}` };
  if (d.resources) return { target: `listener rule ${d.resources}` };
  if (d.application) return { target: `CodeDeploy ${d.application}/${d.deploymentGroup ?? '?'}` };
  if (d.deploymentId) return { target: `CodeDeploy deployment ${d.deploymentId}` };
  if (d.family) return { target: `task definition family ${d.family}` };
  return { target: e.resource ?? `${e.service}:${e.operation}` };
}

/**
 * `UpdateService → api:4`, `ModifyRule weights orders-tg=75,…`, `canary plan running at
 * weights 75/25`, with how it ended; undefined for tag writes that say nothing new (heartbeats).
 */
function describe(e: CallEvent, d: Readonly<Record<string, string>>): string | undefined {
  const short = (arn: string | undefined) => arn?.split('/').at(-1);
  const tags = e.operation === 'AddTags' || e.operation === 'RemoveTags';
  if (tags && !d.canaryStatus && !d.canaryWeights && e.outcome === 'ok') return undefined;
  const parts: string[] = tags ? ['canary plan'] : [e.operation];
  if (d.canaryStatus) parts.push(d.canaryStatus);
  if (d.canaryWeights) parts.push(`at weights ${d.canaryWeights}`);
  if (d.taskDefinition) parts.push(`→ ${short(d.taskDefinition)}`);
  if (d.weights) parts.push(`weights ${d.weights}`);
  if (d.stopType) parts.push(d.stopType);
  if (d.action) parts.push(d.action);
  if (d.waitType) parts.push(d.waitType);
  if (d.deploymentId) parts.push(`deployment ${d.deploymentId}`);
  const outcome =
    e.outcome === 'ok'
      ? ''
      : e.uncertain
        ? ' (reply lost: may or may not have happened)'
        : ` (failed: ${e.errorKind ?? 'error'})`;
  return `${parts.join(' ')}${outcome}`;
}

/** The one registry of the process (the app is one session at a time). */
export const inFlight = new InFlight();
