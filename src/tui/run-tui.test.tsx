import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { FakeStderr, FakeStdin, FakeStdout } from '../../test/helpers/fake-terminal';
import { SIM_CREDENTIALS } from '../../test/helpers/sim';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../app/full-screen';
import { bindingFor } from '../keys/bindings';
import { keySequence } from '../keys/key-spec';
import type { TuiOptions } from './options';
import { runTui } from './run-tui';
import { startWorld } from './testing/browse-harness';
import { buildShop } from './testing/shop-world';

class FakeProcess extends EventEmitter {
  exit = vi.fn();
}

function terminal() {
  const t = {
    stdout: new FakeStdout(120, 40),
    stdin: new FakeStdin(),
    stderr: new FakeStderr(),
    process: new FakeProcess(),
  };
  return {
    ...t,
    screen: {
      stdout: t.stdout as unknown as NodeJS.WriteStream,
      stdin: t.stdin as unknown as NodeJS.ReadStream,
      stderr: t.stderr as unknown as NodeJS.WriteStream,
      process: t.process,
      patchConsole: false,
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('runTui', () => {
  it('says a bad --endpoint-url on the normal screen and exits 2 without going full screen', async () => {
    const t = terminal();
    const options: TuiOptions = {
      readOnly: false,
      simulated: false,
      region: 'us-east-1',
      endpointUrl: 'http://example.com:4566',
      now: () => new Date(),
    };
    expect(await runTui(options, t.screen)).toBe(2);
    expect(t.stdout.output()).toBe('');
    expect(t.stderr.output()).toContain(
      'ecs-rollout: --endpoint-url "http://example.com:4566" uses plain http to a host that is not this machine',
    );
  });

  it('runs full screen on the simulator, quits with q, restores the terminal and exits 0', async () => {
    const sim = await startWorld(buildShop);
    const t = terminal();
    const exit = runTui(
      {
        readOnly: false,
        simulated: true,
        region: 'us-east-1',
        endpointUrl: sim.endpoint,
        credentials: SIM_CREDENTIALS,
        now: () => new Date(sim.clock.now()),
      },
      t.screen,
    );
    await until(() => stripVTControlCharacters(t.stdout.output()).includes('3 clusters'));
    expect(t.stdout.output().startsWith(ENTER_ALT_SCREEN)).toBe(true);
    t.stdin.write(keySequence(bindingFor('global.quit').keys[0]!));
    expect(await exit).toBe(0);
    expect(t.stdout.output().endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
  });
});
