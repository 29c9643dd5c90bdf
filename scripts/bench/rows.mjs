// The bench's rows, in the order they run and print. A row is
//   { id, figure, target, method, run(ctx) -> { measured, pass (true | false | null = n/a), value, data } }
// To add rows (e.g. the 1-hour soak of issue #10), write a rows-<topic>.mjs exporting an array
// like the ones below and append it here; `ctx` (see context.mjs) has the simulators, the
// bundled kit and probes, and the environments to spawn the binary or the AWS CLI with.
import { COMPARE_ROWS } from './rows-compare.mjs';
import { ROLLOUT_ROWS } from './rows-rollout.mjs';
import { START_ROWS } from './rows-start.mjs';
import { TUI_ROWS } from './rows-tui.mjs';

export const ROWS = [...START_ROWS, ...TUI_ROWS, ...ROLLOUT_ROWS, ...COMPARE_ROWS];
