/**
 * Feeds the audit log from the gateway's call recorder: every mutating call that reaches AWS
 * is seen there with its outcome, whichever screen, command or strategy made it, so nothing is
 * missed. Who made it comes from STS: learnt from any GetCallerIdentity the app makes, or asked
 * once when the first write goes out.
 */
import { AUDIT_LOG_ENV, appendAuditEntries, auditLogPath, type AuditEntry } from './audit-log';
import type { AwsGateway, CallEvent, PendingWrite } from '../aws/gateway';

export interface AuditRecorderOptions {
  /** `tui`, `cli deploy`, ... */
  via: string;
  /** Default: auditLogPath() from the environment. */
  path?: string;
  /** Told once when the log cannot be written (the app goes on). */
  onError?: (message: string) => void;
  /** Wall-clock time of entries (tests). */
  now?: () => Date;
  /** Hooks process exit to write what is still waiting for the principal (default true). */
  onExit?: boolean;
}

export interface AuditRecorder {
  readonly path: string;
  /** Writes every entry taken so far, waiting at most `maxWaitMs` for the principal. */
  flush(maxWaitMs?: number): Promise<void>;
  /** Writes what is left at once and stops listening. */
  dispose(): void;
}

const UNKNOWN_PRINCIPAL = 'unknown (sts:GetCallerIdentity did not answer)';

export function installAuditLog(gw: AwsGateway, options: AuditRecorderOptions): AuditRecorder {
  const path = options.path ?? auditLogPath();
  const now = options.now ?? (() => new Date());
  let who: { arn: string; account?: string } | undefined;
  let asking: Promise<void> | undefined;
  let pending: AuditEntry[] = [];
  let queue = Promise.resolve();
  let failed = false;

  const ask = () => {
    if (who || asking) return;
    asking = gw.sts.getCallerIdentity().then(
      (id) => {
        who ??= { arn: id.arn, account: id.account };
      },
      () => undefined,
    );
  };

  const write = () => {
    const batch = pending;
    pending = [];
    for (const entry of batch) {
      entry.who = who?.arn ?? UNKNOWN_PRINCIPAL;
      if (who?.account) entry.account = who.account;
    }
    try {
      appendAuditEntries(path, batch);
    } catch (error) {
      if (failed) return;
      failed = true;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      options.onError?.(
        `could not write the audit log at ${path} (${code}); set ${AUDIT_LOG_ENV} to a writable file`,
      );
    }
  };

  const onEvent = (event: CallEvent) => {
    if (event.operation === 'GetCallerIdentity' && event.outcome === 'ok' && event.details?.arn) {
      who ??= {
        arn: event.details.arn,
        ...(event.details.account ? { account: event.details.account } : {}),
      };
      return;
    }
    // refused in read-only mode: nothing left the process, nothing changed
    if (!event.mutating || event.outcome === 'refused') return;
    pending.push(entryOf(event, gw, options.via, now()));
    ask();
    const waitFor = asking;
    queue = queue.then(async () => {
      await waitFor;
      write();
    });
  };

  const unsubscribe = gw.calls.subscribe(onEvent);
  const unwatch = gw.calls.onWriteStart?.(() => ask());
  // leaving with a write sent and unanswered (a second Ctrl-C, a crash): AWS may or may not
  // have acted on it, and it would otherwise never reach the log
  const atExit = () => {
    for (const call of gw.calls.pendingWrites?.() ?? [])
      pending.push(unanswered(call, gw, options.via, now()));
    write();
  };
  if (options.onExit !== false) process.on('exit', atExit);

  return {
    path,
    async flush(maxWaitMs = 3_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, maxWaitMs);
        timer.unref();
      });
      await Promise.race([queue, late]);
      clearTimeout(timer);
      // whatever still waits for STS is written now, with the principal unknown
      write();
    },
    dispose() {
      unsubscribe();
      unwatch?.();
      process.off('exit', atExit);
      write();
    },
  };
}

function entryOf(event: CallEvent, gw: AwsGateway, via: string, time: Date): AuditEntry {
  const { region, profile } = gw.context;
  // --endpoint-url, or the SDK's own variable (how CI points the CLI at a simulator)
  const endpointUrl = gw.context.endpointUrl ?? (process.env.AWS_ENDPOINT_URL || undefined);
  const outcome = event.outcome === 'ok' ? 'ok' : event.uncertain ? 'unknown' : 'failed';
  return {
    v: 1,
    time: time.toISOString(),
    who: UNKNOWN_PRINCIPAL,
    region,
    ...(profile ? { profile } : {}),
    ...(endpointUrl ? { endpoint: endpointUrl } : {}),
    ...(gw.clock.simulated ? { simulated: true } : {}),
    via,
    action: `${iamPrefix(event.service)}:${event.operation}`,
    ...(event.resource ? { resource: event.resource } : {}),
    ...(event.details ? { details: { ...event.details } } : {}),
    outcome,
    ...(event.outcome === 'error'
      ? { error: [event.errorKind, event.errorCode].filter(Boolean).join(' ') }
      : {}),
    ...(event.attempts && event.attempts > 1 ? { attempts: event.attempts } : {}),
    pid: process.pid,
  };
}

function unanswered(call: PendingWrite, gw: AwsGateway, via: string, time: Date): AuditEntry {
  const event: CallEvent = {
    ...call,
    mutating: true,
    outcome: 'error',
    errorKind: 'no-reply',
    errorCode: 'process-ended',
    uncertain: true,
    durationMs: 0,
  };
  return entryOf(event, gw, via, time);
}

/** The IAM prefix people know the permission by (`elasticloadbalancing:ModifyRule`). */
function iamPrefix(service: string): string {
  return service === 'elbv2' ? 'elasticloadbalancing' : service;
}
