// Bundles src/main.ts into dist/ with esbuild. Splitting lets the AWS SDK load after the first frame.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

// yoga-layout's wasm loader asks `typeof fetch`; on Node 20 that first read of the global loads
// undici (~50-90 ms before the first frame, bench-measured) only to take the inline base64 path
// anyway. Answer the question at build time instead.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('typeof fetch', '"undefined"'),
      loader: 'js',
    }));
  },
};

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
  plugins: [yogaWithoutFetch],
  logLevel: 'warning',
});
