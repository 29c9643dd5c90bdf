/**
 * The local audit log: one JSON line per change ecs-rollout made (or tried to make) on AWS,
 * appended, never rewritten. Where it lives: `ECS_ROLLOUT_AUDIT_LOG` when set, else
 * `$XDG_STATE_HOME/ecs-rollout/audit.log`, else `~/.local/state/ecs-rollout/audit.log`.
 * Entries name what was changed and how it ended, never an environment or secret value (the
 * details come from the gateway's allow-list, src/aws/call-details.ts).
 */
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const AUDIT_LOG_ENV = 'ECS_ROLLOUT_AUDIT_LOG';

/** How a change ended: done, refused by AWS, or unknown (the reply was lost). */
export type AuditOutcome = 'ok' | 'failed' | 'unknown';

export interface AuditEntry {
  /** Format version, for readers of old files. */
  v: 1;
  /** Wall-clock time the call ended (ISO 8601). */
  time: string;
  /** The STS principal that made the call (`arn:aws:sts::…:assumed-role/…`). */
  who: string;
  account?: string;
  region: string;
  profile?: string;
  /** Set when calls went to another endpoint (`--endpoint-url`, the simulator). */
  endpoint?: string;
  /** The AWS side was the simulator (`--demo`, `ecs-rollout sim`): nothing real changed. */
  simulated?: boolean;
  /** Which ecs-rollout did it: `tui`, `cli deploy`, ... */
  via: string;
  /** IAM action: `ecs:UpdateService`. */
  action: string;
  /** What it was about: `service "api" in cluster "prod"`. */
  resource?: string;
  /** Named values: revision, weights, deployment id (never env or secret values). */
  details?: Record<string, string>;
  outcome: AuditOutcome;
  /** Why it failed: the error kind and AWS code (no message: messages can echo input). */
  error?: string;
  /** HTTP attempts, when the SDK retried. */
  attempts?: number;
  /** The ecs-rollout process (to tell concurrent sessions apart). */
  pid: number;
}

/** Where the audit log is, from the environment (the override, XDG, or the home directory). */
export function auditLogPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const override = env[AUDIT_LOG_ENV];
  if (override) return override;
  const state = env.XDG_STATE_HOME || join(home, '.local', 'state');
  return join(state, 'ecs-rollout', 'audit.log');
}

/** Appends entries (one JSON line each); the file and its folder are private to the user. */
export function appendAuditEntries(path: string, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  appendFileSync(path, entries.map((e) => `${JSON.stringify(e)}\n`).join(''), {
    mode: 0o600,
    flag: 'a',
  });
}

// Enough for thousands of entries; older ones stay in the file for other tools to read.
const TAIL_BYTES = 4 * 1024 * 1024;

export interface AuditTail {
  entries: AuditEntry[];
  /** Lines that were not entries (a write cut off by a crash, a hand edit). */
  unreadable: number;
  /** False when there is no log yet. */
  exists: boolean;
}

/** The last `count` entries, oldest first. A missing file is an empty log, not an error. */
export function readAuditTail(path: string, count: number): AuditTail {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], unreadable: 0, exists: false };
    throw error;
  }
  let text: string;
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    text = buffer.toString('utf8');
    // a read that starts mid-file starts mid-line: drop that partial first line
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of lines.slice(-count)) {
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    else unreadable++;
  }
  return { entries, unreadable, exists: true };
}

function parseEntry(line: string): AuditEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<AuditEntry>;
    if (typeof value.action !== 'string' || typeof value.time !== 'string') return undefined;
    return value as AuditEntry;
  } catch {
    return undefined;
  }
}
