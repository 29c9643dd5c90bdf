import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultLine } from '../../src/cli/json-schema';
import { parseLine } from './cli-process';

const doc = readFileSync(new URL('../../docs/cli-json.md', import.meta.url), 'utf8');

describe('docs/cli-json.md', () => {
  it('shows example lines that follow the schema', () => {
    const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const lines = block.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => parseLine(line)).not.toThrow();
  });

  it('documents every line type and every result outcome the schema allows', () => {
    for (const type of [
      'message',
      'progress',
      'event',
      'plan',
      'service',
      'rollback-candidate',
      'result',
    ])
      expect(doc).toContain(`\`${type}\``);
    const outcomes = resultLine.shape.outcome.options.flatMap((o) => o.options);
    expect(outcomes).toContain('ROLLED_BACK');
    for (const outcome of outcomes)
      expect(doc).toMatch(new RegExp(`\\| \`${outcome}\` +\\| \\d+ `));
    // every signal that interrupts a run is named where the exit code is explained
    expect(doc).toMatch(/\| `INTERRUPTED` +\| 130 +\| Ctrl-C, SIGTERM or SIGHUP;/);
  });
});
