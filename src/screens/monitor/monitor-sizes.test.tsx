import { afterEach, describe, expect, it } from 'vitest';
import { FakeController, busyView, trafficView } from '../shared/testing/fake-rollout';
import { renderMonitor as monitor, unmountMonitors } from '../shared/testing/monitor-harness';

afterEach(unmountMonitors);

describe('rollout monitor: sizes', () => {
  it('80x24: one column, lower panels dropped, every line inside the terminal', async () => {
    const { app } = monitor(new FakeController([busyView()]), { columns: 80, rows: 24 });
    const frame = await app.waitFor((f) => f.includes('Deployments'));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toContain('ALB weighted canary · ⠋ IN PROGRESS · step 2/4 canary 25%');
    expect(frame).toContain('▸ step 25% · 4m30s left');
    expect(frame).toContain('── Events');
    expect(frame).not.toContain('── Metrics');
    expect(frame).not.toContain('── Gates');
    console.log(`monitor at 80x24:\n${frame}`);
  });

  it.each([
    [80, 24],
    [200, 60],
  ])('%ix%i: traffic rows say which route and side, inside the width', async (columns, rows) => {
    const { app } = monitor(new FakeController([trafficView()]), { columns, rows });
    const frame = await app.waitFor((f) => f.includes('── Traffic'));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    for (const [label, weight] of [
      ['production · blue', 90],
      ['production · green', 10],
      ['test · blue', 0],
      ['test · green', 100],
    ] as const) {
      expect(frame).toMatch(new RegExp(`│${label}\\s+production-checkou\\S*\\s+[█░]+ ${weight}%`));
    }
    // a wide terminal has room for the whole target-group name (33 characters)
    if (columns >= 200) expect(frame).toContain('production-checkout-green-tg-2024 ');
  });

  it('200x60: two columns with traffic weights, gates and metrics', async () => {
    const { app } = monitor(new FakeController([busyView()]), { columns: 200, rows: 60 });
    const frame = await app.waitFor((f) => f.includes('Deployments'));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(59);
    expect(lines.find((l) => l.includes('── Deployments'))).toContain('── Events');
    expect(frame).toMatch(/api-stable\s+█+░+ 75%/);
    expect(frame).toContain('✓ targets healthy: 2/2 healthy');
    expect(frame).toContain('── Metrics');
    expect(frame).toContain('2× TaskFailedToStart: exit code 1');
    console.log(`monitor at 200x60:\n${frame}`);
  });
});
