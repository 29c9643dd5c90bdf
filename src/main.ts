import type { Command } from 'commander';
import { outputWatch } from './cli/closed-output';
import { createRootCommand } from './main/root-command';

const out = (line: string) => {
  if (!outputWatch.stdoutClosed) process.stdout.write(`${line}\n`);
};
const err = (line: string) => {
  if (!outputWatch.stderrClosed) process.stderr.write(`${line}\n`);
};

/**
 * The full program (every subcommand) for help and subcommands; the root command alone for
 * the app, so its first frame loads neither the simulator nor the headless CLI.
 */
export async function buildProgram(
  argv: readonly string[],
  setExit: (code: number) => void,
): Promise<Command> {
  const program = createRootCommand(setExit, err);
  const first = firstWord(argv);
  if (wantsCommands(argv)) {
    const [{ registerSimCommand }, { registerHeadlessCommands }] = await Promise.all([
      import('./main/sim-command'),
      import('./cli'),
    ]);
    registerSimCommand(program, setExit, out, err);
    registerHeadlessCommands(program, setExit);
    const names = program.commands.map((c) => c.name());
    if (
      first !== undefined &&
      !first.startsWith('-') &&
      !names.includes(first) &&
      first !== 'help'
    ) {
      const near = names.find((n) => closeTo(first, n));
      err(`ecs-rollout: unknown command "${first}"${near ? ` (did you mean ${near}?)` : ''}`);
      err(`commands: ${names.join(', ')}; without a command ecs-rollout opens the full-screen app`);
      throw Object.assign(new Error('unknown command'), { code: 'commander.unknownCommand' });
    }
  }
  return program;
}

/**
 * A word first is a subcommand (or a typo of one, which commander then names); flags alone open
 * the app, unless they ask for help.
 */
function wantsCommands(argv: readonly string[]): boolean {
  const first = firstWord(argv);
  return (
    (first !== undefined && !first.startsWith('-')) ||
    argv.includes('--help') ||
    argv.includes('-h')
  );
}

/** Root flags that take a value: the word after them is that value, not a command. */
const VALUE_FLAGS = new Set([
  '--demo-speed',
  '--profile',
  '--region',
  '--endpoint-url',
  '--cluster',
  '--service',
]);

/** The first word that is neither a flag nor a flag's value (`--read-only abort` → abort). */
function firstWord(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!;
    if (VALUE_FLAGS.has(word)) i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

/** A typo: one edit apart, or a prefix of at least three letters. */
function closeTo(typed: string, name: string): boolean {
  if (typed.length >= 3 && name.startsWith(typed)) return true;
  if (Math.abs(typed.length - name.length) > 2) return false;
  const d: number[][] = Array.from({ length: typed.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= name.length; j++) d[0]![j] = j;
  for (let i = 1; i <= typed.length; i++) {
    for (let j = 1; j <= name.length; j++) {
      const cost = typed[i - 1] === name[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
    }
  }
  return d[typed.length]![name.length]! <= 2;
}

async function main(argv: string[]): Promise<void> {
  let exitCode: number | undefined;
  // commands and help print to pipes (`| head`): a closed one ends the run quietly, no stack
  // trace; the full-screen app owns its terminal and its own ways out
  if (wantsCommands(argv))
    outputWatch.install({
      decided: () => exitCode !== undefined || process.exitCode !== undefined,
    });
  try {
    const program = await buildProgram(argv, (code) => (exitCode = code));
    await program.parseAsync(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === 'commander.helpDisplayed' ||
      code === 'commander.version' ||
      code === 'commander.help'
    ) {
      process.exitCode = 0;
      return;
    }
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  process.exitCode = exitCode ?? 0;
}

await main(process.argv);
