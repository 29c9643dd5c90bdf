// `npm run bench`: measures the performance targets of issue #9 on this machine and prints one
// table (figure, measured, target, pass/miss, method); writes bench-results/latest.json.
//   node scripts/bench.mjs [--quick] [--only id,id]   (after `npm run build`)
// Rows live in scripts/bench/rows*.mjs. Wall-clock figures depend on the machine's load: the
// JSON records the load average before and after, and CPU time where it is measured.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createContext } from './bench/context.mjs';
import { ROWS } from './bench/rows.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : undefined;
const rows = ROWS.filter((r) => !only || only.has(r.id));

const started = performance.now();
const loadBefore = loadavg();
const ctx = await createContext({ quick });
const results = [];
try {
  for (const row of rows) {
    process.stderr.write(`bench: ${row.id} …\n`);
    const t0 = performance.now();
    let result;
    try {
      result = await row.run(ctx);
    } catch (error) {
      result = {
        measured: `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
        pass: false,
      };
    }
    results.push({
      id: row.id,
      figure: row.figure,
      target: row.target,
      method: row.method,
      measured: result.measured,
      pass: result.pass,
      value: result.value ?? null,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      data: result.data ?? null,
    });
    process.stderr.write(`bench: ${row.id}: ${result.measured}\n`);
  }
} finally {
  await ctx.close();
}

const verdict = (p) => (p === true ? 'pass' : p === false ? 'MISS' : 'n/a');
const cell = (s) =>
  String(s)
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');
const table = [
  '| figure | measured | target | result | method |',
  '|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${cell(r.figure)} | ${cell(r.measured)} | ${cell(r.target)} | ${verdict(r.pass)} | ${cell(r.method)} |`,
  ),
].join('\n');
const loadAfter = loadavg();
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  loadBefore: loadBefore.map((n) => Math.round(n * 10) / 10),
  loadAfter: loadAfter.map((n) => Math.round(n * 10) / 10),
};
process.stdout.write(`${table}\n\n`);
process.stdout.write(
  `${results.filter((r) => r.pass === true).length} pass, ${results.filter((r) => r.pass === false).length} miss, ${results.filter((r) => r.pass === null).length} n/a · ${machine.cpus} cores, load ${machine.loadBefore[0]} → ${machine.loadAfter[0]} · ${Math.round((performance.now() - started) / 1000)} s${quick ? ' (--quick)' : ''}\n`,
);
if (machine.loadBefore[0] > machine.cpus) {
  process.stdout.write(
    `note: the machine was busy (load ${machine.loadBefore[0]} on ${machine.cpus} cores); wall-clock rows read high\n`,
  );
}
if (!only) {
  mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../bench-results/latest.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), commit, quick, machine, durationS: Math.round((performance.now() - started) / 1000), rows: results, table }, null, 2)}\n`,
  );
}
