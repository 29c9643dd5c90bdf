/**
 * `ecs-rollout` without a command: the full-screen app. The first frame is drawn before the AWS
 * SDK loads (createGateway pulls it in as a separate chunk); the terminal is restored on every
 * way out, and an error that ends the app is printed after it is.
 */
import { runFullScreen, type FullScreenOptions } from '../app/full-screen';
import { inFlight } from '../app/in-flight';
import { validateEndpointUrl } from '../aws';
import { describeError, ExpectedError } from '../errors';
import type { TuiOptions } from './options';
import { TuiRoot } from './tui-root';

/** Exit code for bad input found before the screen opens (the CLI's "bad usage"). */
const BAD_USAGE_EXIT = 2;

/** Runs the TUI until the person quits; resolves the process exit code. */
export async function runTui(options: TuiOptions, screen: FullScreenOptions = {}): Promise<number> {
  const stderr = screen.stderr ?? process.stderr;
  try {
    // a bad --endpoint-url is said on the normal screen, before going full screen
    if (options.endpointUrl) validateEndpointUrl(options.endpointUrl);
  } catch (error) {
    stderr.write(errorText(error));
    return BAD_USAGE_EXIT;
  }
  let code = 0;
  try {
    await runFullScreen(
      <TuiRoot
        options={options}
        onExitCode={(c) => {
          code = c;
        }}
      />,
      // after the screen is restored: what this session changed on AWS and how to follow it;
      // a signal (SIGTERM, SIGHUP) cannot ask: the plans the app drove stop where they are
      {
        afterRestore: () => {
          inFlight.haltDrivers();
          return inFlight.summary();
        },
        ...screen,
      },
    );
  } catch (error) {
    stderr.write(errorText(error));
    return 1;
  }
  return code;
}

/** `ecs-rollout: message` and the hint; a bug (not an expected error) also gets its stack. */
function errorText(error: unknown): string {
  const { message, hint } = describeError(error);
  const stack =
    error instanceof Error && !(error instanceof ExpectedError) ? `\n${error.stack ?? ''}` : '';
  return `ecs-rollout: ${message}${hint ? `\n  ${hint}` : ''}${stack}\n`;
}
