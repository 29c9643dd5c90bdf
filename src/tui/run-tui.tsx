/**
 * `ecs-rollout` without a command: the full-screen app. The first frame is drawn before the AWS
 * SDK loads (createGateway pulls it in as a separate chunk); the terminal is restored on every
 * way out, and an error that ends the app is printed after it is.
 */
import { runFullScreen, type FullScreenOptions } from '../app/full-screen';
import { describeError } from '../errors';
import type { TuiOptions } from './options';
import { TuiRoot } from './tui-root';

/** Runs the TUI until the person quits; resolves the process exit code. */
export async function runTui(options: TuiOptions, screen: FullScreenOptions = {}): Promise<number> {
  let code = 0;
  try {
    await runFullScreen(
      <TuiRoot
        options={options}
        onExitCode={(c) => {
          code = c;
        }}
      />,
      screen,
    );
  } catch (error) {
    const stderr = screen.stderr ?? process.stderr;
    const { message, hint } = describeError(error);
    const stack = error instanceof Error && !('hint' in error) ? `\n${error.stack ?? ''}` : '';
    stderr.write(`ecs-rollout: ${message}${hint ? `\n  ${hint}` : ''}${stack}\n`);
    return 1;
  }
  return code;
}
