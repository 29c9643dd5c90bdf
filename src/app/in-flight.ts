/**
 * What this session changed on AWS, for the lines printed after the full screen is restored
 * (q, Ctrl-C, SIGTERM, SIGHUP, a crash): deployments run server-side and carry on without the
 * app, so the person (or the CI log) is told what was started, what was sent and never
 * answered, and the commands to watch or roll it back (perf-reliability 4.2).
 *
 * Two sources. The gateway's call recorder (`track`) sees every mutating call, whichever screen
 * made it, so nothing is missed. Screens may add what only they know (`register`): a rollout's
 * state, that an ALB canary holds until a client drives it. No React here.
 */
import type { AwsGateway, CallEvent, PendingWrite } from '../aws/gateway';

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
    for (const c of this.changes.values()) {
      lines.push(`  ${c.target}: ${c.what.join('; ')}`);
      if (c.cluster && c.service && !this.ephemeral) {
        if (c.clientDriven)
          lines.push(
            '    an ALB canary holds its weights until a client drives it again; watch resumes it from the rule tags',
          );
        lines.push(`    watch or resume: ${cmd('watch', c)}`);
        lines.push(`    roll back:       ${cmd('rollback', c)}`);
      }
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

  /** Forgets everything (tests). */
  clear(): void {
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
