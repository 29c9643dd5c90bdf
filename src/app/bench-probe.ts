/**
 * Off unless ECS_ROLLOUT_BENCH_FIRST_FRAME names a file: then the first frame Ink draws writes
 * there when it happened (ms since process start, the origin of `performance.now()` in Node)
 * and the CPU the process had used by then. `npm run bench` reads it; nothing else does.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function firstFrameProbe(env: NodeJS.ProcessEnv = process.env): (() => void) | undefined {
  const path = env.ECS_ROLLOUT_BENCH_FIRST_FRAME;
  if (!path) return undefined;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const cpu = process.cpuUsage();
    const report = { ms: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
    writeFileSync(path, `${JSON.stringify(report)}\n`);
  };
}
