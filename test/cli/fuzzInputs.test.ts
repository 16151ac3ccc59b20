// Seeded fuzzing of every file the CLI reads (bounded here; `npm run bench -- fuzz` runs longer).
// In process: thousands of inputs through the parsers the CLI uses end either in a value or in a
// coded user error, never another exception. End to end: a few inputs of each kind through
// bin/stakemesh.js end in success or one catalogue error line, exit 1 or 2, no stack trace,
// within the heap and time bounds of fuzzInputs.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyInPlace } from '../../src/core/apply.js';
import { parseScheme, secretKeyField } from '../../src/core/conditions/signatures.js';
import { proveKey } from '../../src/core/conditions/keyProof.js';
import { parseLog } from '../../src/core/log/parseLog.js';
import { runLog } from '../../src/core/runLog.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { stateView } from '../../src/core/state/view.js';
import { errorCatalogue } from '../../src/errors/catalogue.js';
import { fail, StakemeshFailure } from '../../src/errors/result.js';
import { createPrng } from '../../src/risk/prng.js';
import { networkFromText, parseDocument } from '../../src/risk/readNetworkFile.js';
import { parseScenario } from '../../src/risk/scenario/parseScenario.js';
import { buildEvidence, signEvidencePiece } from '../../src/cli/commands/evidence.js';
import { printLedger } from '../../src/cli/printLedger.js';
import { fileKinds, fuzzCase, fuzzProblem, mutate, randomBytes, runFuzzCase, validDocs, type FileKind } from './fuzzInputs.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261204);
const conditionsLog = fileURLToPath(new URL('../../../examples/conditions.yaml', import.meta.url));

/** Runs f; a thrown StakemeshFailure with a catalogue code is a user error, anything else fails the test. */
function userErrorOrValue(what: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof StakemeshFailure && e.code in errorCatalogue) return;
    assert.fail(`${what}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

function textOf(kind: FileKind, r: ReturnType<typeof createPrng>): string {
  const c = fuzzCase(kind, r.nextUint32(), r.nextInt(1000));
  const content = Object.values(c.files)[0] ?? '';
  return typeof content === 'string' ? content : content.toString('utf8');
}

describe('fuzz: the parsers the CLI uses (in process, seeded)', () => {
  it('command logs (JSON, JSON Lines, YAML): parse, run, view and print, or a coded error', () => {
    const r = createPrng(seed);
    for (let i = 0; i < 150; i++) {
      const kind = (['log-json', 'log-jsonl', 'log-yaml'] as const)[i % 3]!;
      const text = textOf(kind, r);
      userErrorOrValue(`${kind} #${i} (FUZZ_SEED=${seed})`, () => {
        const log = parseLog(text);
        if (!log.ok) {
          assert.ok(log.error.code in errorCatalogue);
          return;
        }
        const { state, results } = runLog(log.value.commands);
        for (const res of results) assert.ok(res.status === 'ok' || res.status in errorCatalogue, res.status);
        stateHash(state);
        JSON.stringify(stateView(state));
        printLedger(state, results, log.value.lines);
      });
    }
  });

  it('network files: a network or a coded error', () => {
    const r = createPrng(seed + 1);
    for (let i = 0; i < 200; i++) {
      const text = textOf('network', r);
      userErrorOrValue(`network #${i}`, () => {
        const n = networkFromText(text);
        if (!n.ok) assert.ok(n.error.code in errorCatalogue);
      });
    }
  });

  it('scenario files: a scenario or a coded error', () => {
    const r = createPrng(seed + 2);
    const noFiles = () => fail('PARSE_ERROR', 'no network files in this test');
    for (let i = 0; i < 150; i++) {
      const text = textOf('scenario', r);
      userErrorOrValue(`scenario #${i}`, () => {
        const doc = parseDocument(text);
        if (!doc.ok) return;
        const sc = parseScenario(doc.value, noFiles);
        if (!sc.ok) assert.ok(sc.error.code in errorCatalogue, sc.error.code);
      });
    }
  });

  it('key files: a key proof or a coded error (secp256k1 0, n and above n included)', () => {
    const r = createPrng(seed + 3);
    for (let i = 0; i < 200; i++) {
      const value = mutate(r, validDocs().key) as Record<string, unknown> | null;
      userErrorOrValue(`key #${i}`, () => {
        const o = typeof value === 'object' && value !== null ? value : {};
        const scheme = parseScheme(o['scheme'] ?? (r.nextInt(2) ? 'secp256k1' : 'ed25519'));
        proveKey('op', { scheme, secretKey: secretKeyField(scheme, o['secretKey']) });
      });
    }
  });

  it('evidence files: signed, built and submitted, or a coded error; the ledger never throws', () => {
    const r = createPrng(seed + 4);
    const parsed = parseLog(readFileSync(conditionsLog, 'utf8'));
    assert.ok(parsed.ok);
    const { state } = runLog(parsed.value.commands);
    const key = { scheme: 'ed25519' as const, secretKey: new Uint8Array(32).fill(7) };
    const docs = validDocs().evidence as { message: unknown; piece: unknown };
    for (let i = 0; i < 150; i++) {
      const message = mutate(r, docs.message);
      const pieces = [mutate(r, docs.piece), r.nextInt(2) ? docs.piece : mutate(r, docs.piece)];
      userErrorOrValue(`evidence sign #${i}`, () => signEvidencePiece('doubleSign', message, [key], r.nextInt(2) === 0));
      userErrorOrValue(`evidence build #${i}`, () => {
        const evidence = buildEvidence('doubleSign', pieces);
        const out = applyInPlace(state, { type: 'submitEvidence', set: 'eoracle-main', condition: 'ds', operator: 'x', evidence });
        if (!out.ok) assert.ok(out.error.code in errorCatalogue);
      });
    }
  });

  it('random bytes of any kind through the log and document parsers', () => {
    const r = createPrng(seed + 5);
    for (let i = 0; i < 150; i++) {
      const text = randomBytes(r).toString('utf8');
      userErrorOrValue(`bytes #${i}`, () => {
        const log = parseLog(text);
        if (log.ok) runLog(log.value.commands);
        const net = networkFromText(text);
        if (!net.ok) assert.ok(net.error.code in errorCatalogue);
      });
    }
  });
});

describe('fuzz: bin/stakemesh.js on every kind of input file (seeded, bounded)', () => {
  it('ends in success or one catalogue error line, exit 1 or 2, no stack trace, within the bounds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-fuzz-'));
    try {
      for (const kind of fileKinds) {
        for (let i = 0; i < 1; i++) {
          const c = fuzzCase(kind, seed, i);
          const problem = fuzzProblem(runFuzzCase(c, join(dir, `${kind}-${i}`)));
          assert.equal(problem, null, `${c.name}: ${c.args.join(' ')}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
