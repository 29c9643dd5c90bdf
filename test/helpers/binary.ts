/**
 * The built binary for end-to-end tests: `bin/ecs-rollout.js` loads the esbuild bundle in
 * dist/, which `npm test` builds before vitest runs (`npm run build` does it by hand).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BINARY = fileURLToPath(new URL('../../bin/ecs-rollout.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Throws with what to do when the bundle has not been built. */
export function assertBuilt(): void {
  if (!existsSync(BUNDLE)) {
    throw new Error(`the bundle ${BUNDLE} is missing: run npm run build (npm test does it first)`);
  }
}

/** A shell command line that runs the binary with `args` (each single-quoted). */
export function binaryCommand(args: readonly string[]): string {
  return [process.execPath, BINARY, ...args].map(shellQuote).join(' ');
}

/** Runs the binary without a terminal, for flags that print and exit. */
export async function runBinary(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [BINARY, ...args], { env, cwd: REPO_ROOT, timeout: 30_000 });
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
