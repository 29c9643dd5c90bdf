import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const SDK = /node_modules\/@(aws-sdk|smithy)\//;

describe('lazy SDK loading', () => {
  it('keeps the SDK out of the chunk that importing src/aws loads', async () => {
    const result = await build({
      entryPoints: { aws: 'src/aws/index.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['module', 'main'],
      outdir: mkdtempSync(join(tmpdir(), 'ecs-rollout-split-')),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entryPath = Object.keys(outputs).find(
      (p) => outputs[p]!.entryPoint === 'src/aws/index.ts',
    )!;
    // what loads with `import '.../aws'`: the entry chunk and every chunk it imports statically
    const eagerChunks = new Set<string>();
    const visit = (path: string) => {
      if (eagerChunks.has(path)) return;
      eagerChunks.add(path);
      for (const i of outputs[path]!.imports)
        if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
    };
    visit(entryPath);
    const inputsOf = (paths: string[]) => paths.flatMap((p) => Object.keys(outputs[p]!.inputs));
    const eager = inputsOf([...eagerChunks]);
    expect(eager).toContain('src/aws/errors.ts');
    expect(eager).toContain('src/aws/call-counter.ts');
    expect(eager.filter((p) => SDK.test(p))).toEqual([]);

    const lazy = inputsOf(Object.keys(outputs).filter((p) => !eagerChunks.has(p)));
    expect(lazy).toContain('src/aws/sdk/sdk-gateway.ts');
    expect(lazy.some((p) => p.includes('@aws-sdk/client-ecs/'))).toBe(true);
    expect(lazy.some((p) => p.includes('@aws-sdk/credential-provider-node/'))).toBe(true);
  }, 60_000);
});
