import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstFrameProbe } from '../../src/app/bench-probe';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the first-frame probe npm run bench reads', () => {
  it('is off unless ECS_ROLLOUT_BENCH_FIRST_FRAME names a file', () => {
    expect(firstFrameProbe({})).toBeUndefined();
    expect(firstFrameProbe({ ECS_ROLLOUT_BENCH_FIRST_FRAME: '' })).toBeUndefined();
  });

  it('writes the first frame only: ms since process start and CPU used by then', () => {
    dir = mkdtempSync(join(tmpdir(), 'ecs-rollout-probe-'));
    const file = join(dir, 'first-frame.json');
    const onRender = firstFrameProbe({ ECS_ROLLOUT_BENCH_FIRST_FRAME: file })!;
    onRender();
    const first = readFileSync(file, 'utf8');
    const report = JSON.parse(first) as { ms: number; cpuMs: number };
    expect(report.ms).toBeGreaterThan(0);
    expect(report.cpuMs).toBeGreaterThan(0);
    onRender();
    expect(readFileSync(file, 'utf8')).toBe(first);
  });
});
