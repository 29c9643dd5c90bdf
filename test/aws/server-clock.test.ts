import { afterEach, describe, expect, it } from 'vitest';
import { SIM_SPEED_HEADER, SIM_TIME_HEADER } from '../../src/aws/server-clock';
import * as simHeaders from '../../src/sim/http/clock-headers';
import type { RunningSimulator } from '../../src/sim';
import { simGateway } from '../helpers/gateway';
import { startTestSim } from '../helpers/sim';

let sim: RunningSimulator | undefined;
afterEach(async () => sim?.close());

describe('the gateway follows the simulator clock', () => {
  it('uses the same header names on both sides', () => {
    expect(simHeaders.SIM_TIME_HEADER).toBe(SIM_TIME_HEADER);
    expect(simHeaders.SIM_SPEED_HEADER).toBe(SIM_SPEED_HEADER);
  });

  it("reads the simulated time from replies, so client timers run on the world's clock", async () => {
    const test = await startTestSim();
    sim = test;
    const gw = await simGateway(test);
    await gw.sts.getCallerIdentity();
    expect(gw.clock.simulated).toBe(true);
    expect(gw.clock.now().getTime()).toBe(test.clock.now());
    test.advance(15 * 60_000);
    await gw.sts.getCallerIdentity();
    expect(gw.clock.now().getTime()).toBe(test.clock.now());
    gw.close();
  });
});
