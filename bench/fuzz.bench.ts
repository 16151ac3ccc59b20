// Long fuzz runs over every file the CLI reads (`npm run bench -- fuzz`; the seeded short run is
// test/cli/fuzzInputs.test.ts). Each run must end in success or one catalogue error line, exit
// 1 or 2, no stack trace, within the heap and time bounds of test/cli/fuzzInputs.ts. FUZZ_SEED
// and FUZZ_CASES choose the seed and the number of CLI runs per file kind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLog } from '../src/core/log/parseLog.js';
import { runLog } from '../src/core/runLog.js';
import { StakemeshFailure } from '../src/errors/result.js';
import { createPrng } from '../src/risk/prng.js';
import { networkFromText } from '../src/risk/readNetworkFile.js';
import { fileKinds, fuzzCase, fuzzProblem, fuzzTimeoutMs, randomBytes, runFuzzCase } from '../test/cli/fuzzInputs.js';
import type { BenchRun } from './types.js';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const casesPerKind = Number(process.env.FUZZ_CASES ?? 40);
/** In-process inputs through the log and document parsers. */
const inProcessCases = Number(process.env.FUZZ_INPUTS ?? 5_000);

export const run: BenchRun = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-fuzz-bench-'));
  const problems: string[] = [];
  let slowest = 0;
  let runs = 0;
  try {
    for (const kind of fileKinds) {
      for (let i = 0; i < casesPerKind; i++) {
        const c = fuzzCase(kind, seed, i);
        const o = runFuzzCase(c, join(dir, `${kind}-${i}`));
        runs++;
        slowest = Math.max(slowest, o.ms);
        const p = fuzzProblem(o);
        if (p) problems.push(`${c.name} (${c.args.join(' ')}): ${p}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const r = createPrng(seed);
  const t0 = performance.now();
  for (let i = 0; i < inProcessCases; i++) {
    const text = randomBytes(r, 2048).toString('utf8');
    try {
      const log = parseLog(text);
      if (log.ok) runLog(log.value.commands);
      networkFromText(text);
    } catch (e) {
      if (!(e instanceof StakemeshFailure)) problems.push(`in-process bytes #${i}: ${String(e)}`);
    }
  }
  const inProcessS = (performance.now() - t0) / 1000;
  for (const p of problems.slice(0, 20)) console.error(`fuzz problem (FUZZ_SEED=${seed}): ${p}`);
  return [
    {
      name: `fuzz: CLI runs (seed ${seed})`,
      value: runs,
      unit: 'runs',
      target: '0 problems',
      met: problems.length === 0,
      note: `${problems.length} problems`,
    },
    { name: 'fuzz: slowest CLI run', value: slowest, unit: 'ms', target: `< ${fuzzTimeoutMs} ms`, met: slowest < fuzzTimeoutMs },
    { name: 'fuzz: in-process random inputs', value: inProcessCases / inProcessS, unit: 'inputs/s', note: `${inProcessCases} inputs` },
  ];
};
