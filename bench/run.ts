// `npm run bench [-- filter...]`: runs every bench/*.bench.js and prints a markdown table
// (pasted into BENCHMARKS.md together with the machine line printed first).
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { tuneV8 } from '../src/cli/tuneV8.js';

// the V8 flags of a stakemesh process (the service the bench stands for); BENCH_V8_DEFAULTS=1 keeps V8's own, to
// measure what they change
if (process.env.BENCH_V8_DEFAULTS !== '1') tuneV8();

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log('');
console.log('| benchmark | figure | unit | target | met | note |');
console.log('|---|---:|---|---|---|---|');
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: BenchRun };
  let rows: BenchRow[];
  try {
    rows = await mod.run();
  } catch (e) {
    // a bench's own refusal (a bad variable or file): one line, no stack; its rows are not printed
    process.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    continue;
  }
  for (const r of rows) {
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'no';
    const value = Number.isInteger(r.value) ? r.value.toLocaleString('en-US') : r.value.toPrecision(4);
    console.log(`| ${r.name} | ${value} | ${r.unit} | ${r.target ?? ''} | ${met} | ${r.note ?? ''} |`);
  }
}
