// Bundles the bench's TypeScript-side helpers (the simulator, world builders, the poll-cost
// probe, the in-process app probes) with esbuild, the same way scripts/build.mjs bundles the
// app, into node_modules/.cache so the plain-JS bench can import or spawn them.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const KIT_DIR = `${root}node_modules/.cache/ecs-rollout-bench`;

export async function buildKit() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      kit: 'scripts/bench/kit.mjs',
      'probe-keys': 'scripts/bench/probe-keys.mjs',
      'probe-soak': 'scripts/bench/probe-soak.mjs',
      'probe-fault-soak': 'scripts/bench/probe-fault-soak.mjs',
      'probe-latency': 'scripts/bench/probe-latency.mjs',
    },
    outdir: KIT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    // profiles of a probe (node --cpu-prof) resolve to source lines
    sourcemap: 'linked',
    mainFields: ['module', 'main'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return {
    kit: `${KIT_DIR}/kit.js`,
    probe: (name) => `${KIT_DIR}/probe-${name}.js`,
  };
}
