// `npm run docs:check`: fails when a generated doc differs from what its source produces.
import { readFile } from 'node:fs/promises';
import { DOC_PATH, renderDoc } from './gen-keybindings-doc.mjs';

const expected = await renderDoc();
const actual = await readFile(DOC_PATH, 'utf8').catch(() => '');
if (actual !== expected) {
  console.error(
    'docs/keybindings.md is stale: the keybinding table changed.\n' +
      'Run `node scripts/gen-keybindings-doc.mjs` and commit the result.',
  );
  process.exit(1);
}
console.log('docs/keybindings.md is up to date');
