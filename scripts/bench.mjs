// `npm run bench`: measures the performance targets of issue #9 on this machine and prints one
// table (figure, measured, target, pass/miss, method); writes bench-results/latest.json.
//   node scripts/bench.mjs [--quick] [--only id,id [--merge]]   (after `npm run build`)
// --only runs some rows and writes nothing, unless --merge: then those rows replace theirs in
// bench-results/latest.json (each row keeps when it ran and the load then).
// Rows live in scripts/bench/rows*.mjs. Wall-clock figures depend on the machine's load: the
// JSON records the load average before and after, and CPU time where it is measured.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createContext } from './bench/context.mjs';
import { ROWS } from './bench/rows.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',')) : undefined;
const merge = only !== undefined && args.includes('--merge');
const rows = ROWS.filter((r) => !only || only.has(r.id));
const LATEST = new URL('../bench-results/latest.json', import.meta.url);

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
      runAt: new Date().toISOString(),
      load: Math.round(loadavg()[0] * 10) / 10,
      data: result.data ?? null,
    });
    process.stderr.write(`bench: ${row.id}: ${result.measured}\n`);
  }
} finally {
  await ctx.close();
}

// with --merge, the rows not run now come from the last full run, in the registry's order
const last = merge && existsSync(LATEST) ? JSON.parse(readFileSync(LATEST, 'utf8')) : undefined;
const previous = last?.rows ?? [];
const shown = merge
  ? ROWS.map(
      (r) => results.find((x) => x.id === r.id) ?? previous.find((x) => x.id === r.id),
    ).filter(Boolean)
  : results;

const verdict = (p) => (p === true ? 'pass' : p === false ? 'MISS' : 'n/a');
const cell = (s) =>
  String(s)
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');
const table = [
  '| figure | measured | target | result | method |',
  '|---|---|---|---|---|',
  ...shown.map(
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
  `${shown.filter((r) => r.pass === true).length} pass, ${shown.filter((r) => r.pass === false).length} miss, ${shown.filter((r) => r.pass === null).length} n/a · ${machine.cpus} cores, load ${machine.loadBefore[0]} → ${machine.loadAfter[0]} · ${Math.round((performance.now() - started) / 1000)} s${quick ? ' (--quick)' : ''}\n`,
);
if (machine.loadBefore[0] > machine.cpus) {
  process.stdout.write(
    `note: the machine was busy (load ${machine.loadBefore[0]} on ${machine.cpus} cores); wall-clock rows read high\n`,
  );
}
if (!only || merge) {
  mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
  const durationS = Math.round((performance.now() - started) / 1000);
  const out = {
    date: new Date().toISOString(),
    commit,
    quick,
    machine,
    durationS,
    // with --merge: the full run the rows not re-run come from
    ...(merge && last
      ? {
          mergedInto: {
            date: last.mergedInto?.date ?? last.date,
            machine: last.mergedInto?.machine ?? last.machine,
          },
        }
      : {}),
    rows: shown,
    table,
  };
  writeFileSync(LATEST, `${JSON.stringify(out, null, 2)}\n`);
}
