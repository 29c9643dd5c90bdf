// Bundles src/main.ts into dist/ with esbuild. Splitting lets the AWS SDK load after the first frame.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  mainFields: ['module', 'main'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // ink imports react-devtools-core only when DEV is set; keep it out of the bundle
  alias: { 'react-devtools-core': './scripts/empty-module.mjs' },
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
