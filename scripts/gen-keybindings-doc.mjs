// Writes docs/keybindings.md from the keybinding table (src/keys/bindings.ts).
// Run: node scripts/gen-keybindings-doc.mjs   (scripts/check-docs.mjs fails when it is stale)
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DOC_PATH = fileURLToPath(new URL('../docs/keybindings.md', import.meta.url));

/** The doc as it should be: the TS renderer bundled on the fly, then formatted like the repo. */
export async function renderDoc() {
  const result = await build({
    entryPoints: ['src/keys/keybindings-doc.ts'],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const config = (await prettier.resolveConfig(DOC_PATH)) ?? {};
  return prettier.format(mod.renderKeybindingsDoc(), { ...config, parser: 'markdown' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(DOC_PATH, await renderDoc());
  console.log(`wrote ${DOC_PATH}`);
}
