// Fuzzing every file the CLI reads: command logs (JSON, JSON Lines, YAML), network files,
// scenario files, key files and evidence files. Inputs are random bytes or random mutations of
// valid documents, from a seeded PRNG (a failure names its seed and case). Used by
// test/cli/fuzzInputs.test.ts (a few seeded cases in `npm test`) and bench/fuzz.bench.ts (long runs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify as yamlStringify } from 'yaml';
import { signPiece } from '../../src/core/conditions/buildEvidence.js';
import { doubleSignCodec } from '../../src/core/conditions/encoding.js';
import { publicKeyOf, secretKeyFromSeed } from '../../src/core/conditions/signatures.js';
import { parseLog } from '../../src/core/log/parseLog.js';
import { errorCatalogue } from '../../src/errors/catalogue.js';
import { createPrng, type Prng } from '../../src/risk/prng.js';

export const bin = fileURLToPath(new URL('../../../bin/stakemesh.js', import.meta.url));
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Heap bound of a fuzzed CLI run: an input that needs more dies (and fails the check). */
export const fuzzHeapMb = 384;
/** Wall-clock bound of one fuzzed CLI run. */
export const fuzzTimeoutMs = 30_000;

export type FileKind = 'log-json' | 'log-jsonl' | 'log-yaml' | 'network' | 'scenario' | 'key' | 'evidence';
export const fileKinds: readonly FileKind[] = ['log-json', 'log-jsonl', 'log-yaml', 'network', 'scenario', 'key', 'evidence'];

/** Values that have broken parsers before: wrong types, huge and odd numbers, reserved ids, deep nesting. */
const nasty: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  '0',
  '-0',
  '-1',
  'NaN',
  'Infinity',
  '1e308',
  '1/0',
  '0/0',
  '1/3',
  '0x',
  '0xzz',
  `1${'0'.repeat(400)}`,
  `${'9'.repeat(80)}/${'1'.repeat(3)}`,
  '__proto__',
  'constructor',
  'prototype',
  'x'.repeat(300),
  '\u0000',
  '\uFEFF',
  'ü',
  [],
  {},
  { __proto__: null, a: 1 },
  '0'.repeat(64),
  'ff'.repeat(32),
  'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141',
  'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142',
  'ed25519',
  'secp256k1',
  'doubleSign',
  JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown,
];

function pick<T>(r: Prng, xs: readonly T[]): T {
  return xs[r.nextInt(xs.length)] as T;
}

function randomValue(r: Prng, depth = 0): unknown {
  const k = r.nextInt(depth > 3 ? 3 : 6);
  if (k === 0) return pick(r, nasty);
  if (k === 1) return r.nextInt(2) ? r.nextInt(1000) : String(r.nextInt(1_000_000_000));
  if (k === 2) return Array.from({ length: r.nextInt(6) }, () => String.fromCharCode(32 + r.nextInt(95))).join('');
  if (k === 3) return Array.from({ length: r.nextInt(4) }, () => randomValue(r, depth + 1));
  if (k === 4) return Object.fromEntries(Array.from({ length: r.nextInt(4) }, (_, i) => [`k${i}`, randomValue(r, depth + 1)]));
  return pick(r, nasty);
}

/** Applies 1–4 random edits (replace, delete, add a key, duplicate an item) somewhere in a JSON value. */
export function mutate(r: Prng, doc: unknown): unknown {
  const copy = structuredClone(doc) as unknown;
  const edits = 1 + r.nextInt(4);
  let root: unknown = copy;
  for (let e = 0; e < edits; e++) {
    let node: unknown = root;
    let parent: Record<string, unknown> | unknown[] | null = null;
    let key: string | number = '';
    for (let d = 0; d < 6 && node !== null && typeof node === 'object' && r.nextInt(4) > 0; d++) {
      const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (keys.length === 0) break;
      parent = node as Record<string, unknown> | unknown[];
      key = pick<string | number>(r, keys);
      node = (parent as Record<string | number, unknown>)[key];
    }
    const op = r.nextInt(4);
    if (parent === null) root = op === 0 ? randomValue(r) : root;
    else if (op === 0 || op === 3) (parent as Record<string | number, unknown>)[key] = randomValue(r);
    else if (op === 1) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
    else parent[`x${r.nextInt(100)}`] = randomValue(r);
  }
  return root;
}

/** Random bytes, sometimes behind a prefix that sends the parser down one branch (JSON, JSONL, YAML list, BOM). */
export function randomBytes(r: Prng, maxLen = 2048): Buffer {
  const prefixes = ['', '[', '{', '- ', '\uFEFF', '- &a [', 'operators:\n', '{"type":'];
  const body = Buffer.alloc(r.nextInt(maxLen + 1));
  for (let i = 0; i < body.length; i++)
    body[i] = r.nextInt(4) === 0 ? pick(r, [0x5b, 0x7b, 0x2d, 0x3a, 0x0a, 0x2a, 0x26, 0x22]) : r.nextInt(256);
  return Buffer.concat([Buffer.from(pick(r, prefixes), 'utf8'), body]);
}

let seedDocs: Record<FileKind, unknown> | null = null;

const signer = { scheme: 'ed25519' as const, secretKey: secretKeyFromSeed('ed25519', new Uint8Array([10])) };
export const fuzzSignerArg = `ed25519:${Buffer.from(signer.secretKey).toString('hex')}`;

/** Valid documents of each kind (from the examples), the starting points of mutations. */
export function validDocs(): Record<FileKind, unknown> {
  if (seedDocs) return seedDocs;
  const log = parseLog(readFileSync(join(examples, 'rewards-insurance.yaml'), 'utf8'));
  if (!log.ok) throw new Error('examples/rewards-insurance.yaml does not parse');
  const network = {
    operators: [
      { id: 'a', stake: '10' },
      { id: 'b', stake: '5/2' },
      { id: 'c', stake: '7' },
    ],
    services: [
      { id: 'x', profitFromCorruption: '6', attackThreshold: '1/2' },
      { id: 'y', profitFromCorruption: '3', attackThreshold: '2/3' },
    ],
    allocations: [
      { operator: 'a', service: 'x', amount: '4' },
      { operator: 'b', service: 'x' },
      { operator: 'c', service: 'y', amount: '7' },
    ],
  };
  const scenario = {
    network,
    defaults: { service: { faultProbability: 0.05, feeRate: 0.04 }, operator: { faultProbability: 0.01 } },
    factors: [{ id: 'cloud', loading: 0.3, members: ['a', 'b'] }],
    positions: [
      { id: 'alice', kind: 'staker', holdings: [{ operator: 'a', amount: 2 }] },
      {
        id: 'lrt',
        kind: 'lrt',
        holdings: [
          { position: 'alice', share: 0.5 },
          { operator: 'c', service: 'y', amount: 3 },
        ],
      },
      { id: 'pool', kind: 'insurance', covers: [{ position: 'lrt', deductible: 0.1, limit: 1 }], capital: 2 },
    ],
    simulation: { scenarios: 200, seed: 1, levels: [0.95] },
  };
  const message = { set: 's', operator: 'op', height: 5, round: 0, payload: '0a0b' };
  const piece = signPiece(doubleSignCodec, { ...message, payload: new Uint8Array([10, 11]) }, signer, false);
  const key = {
    scheme: 'ed25519',
    secretKey: Buffer.from(signer.secretKey).toString('hex'),
    publicKey: publicKeyOf('ed25519', signer.secretKey),
  };
  seedDocs = {
    'log-json': log.value.commands,
    'log-jsonl': log.value.commands,
    'log-yaml': log.value.commands,
    network,
    scenario,
    key,
    evidence: { message, piece },
  };
  return seedDocs;
}

function serialise(kind: FileKind, value: unknown): string {
  if (kind === 'log-yaml' || (kind === 'network' && typeof value === 'object')) {
    try {
      return yamlStringify(value, { aliasDuplicateObjects: false });
    } catch {
      return JSON.stringify(value) ?? 'null';
    }
  }
  if (kind === 'log-jsonl' && Array.isArray(value)) return value.map((c) => JSON.stringify(c) ?? 'null').join('\n');
  return JSON.stringify(value) ?? 'null';
}

export interface FuzzCase {
  readonly name: string;
  /** Files to write into the case folder (name → content). */
  readonly files: Readonly<Record<string, Buffer | string>>;
  /** CLI arguments; `@name` is replaced by the path of that file. */
  readonly args: readonly string[];
}

function commandFor(kind: FileKind, r: Prng): string[] {
  switch (kind) {
    case 'log-json':
    case 'log-jsonl':
    case 'log-yaml':
      return pick(r, [
        ['run', '@in'],
        ['run', '@in', '--json', '--strict'],
        ['exposure', '@in', '--vault', 'v'],
        ['analyze', '@in', '--heuristic'],
      ]);
    case 'network':
      return ['analyze', '@in', '--node-limit', '50', '--time-limit', '5'];
    case 'scenario':
      return pick(r, [
        ['simulate', '@in', '--scenarios', '200', '--threads', '1'],
        ['price', '@in', '--scenarios', '200', '--threads', '1'],
      ]);
    case 'key':
      return ['keys', 'prove', '--operator', 'op', '--key', '@in'];
    case 'evidence':
      return pick(r, [
        ['evidence', 'build', '--kind', 'doubleSign', '@in', '@in'],
        ['evidence', 'sign', '--type', 'doubleSign', '--message', '@in', '--key', fuzzSignerArg],
      ]);
  }
}

/** One fuzz case of a kind: random bytes (1 in 3) or a mutated valid document. */
export function fuzzCase(kind: FileKind, seed: number, index: number): FuzzCase {
  const r = createPrng(seed * 1_000_003 + index * 7919 + fileKinds.indexOf(kind));
  const args = commandFor(kind, r);
  const ext = kind === 'log-yaml' ? 'yaml' : kind === 'log-jsonl' ? 'jsonl' : 'json';
  const name = `${kind} seed ${seed} case ${index}`;
  if (r.nextInt(3) === 0)
    return { name: `${name} (bytes)`, files: { [`in.${ext}`]: randomBytes(r) }, args: args.map((a) => (a === '@in' ? `@in.${ext}` : a)) };
  const docs = validDocs();
  let doc = docs[kind];
  if (kind === 'evidence') {
    const e = doc as { message: unknown; piece: unknown };
    doc = args[1] === 'build' ? e.piece : e.message;
  }
  const text = serialise(kind, mutate(r, doc));
  return { name: `${name} (structure)`, files: { [`in.${ext}`]: text }, args: args.map((a) => (a === '@in' ? `@in.${ext}` : a)) };
}

export interface FuzzOutcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs one case through bin/stakemesh.js with a heap and time bound. */
export function runFuzzCase(c: FuzzCase, dir: string): FuzzOutcome {
  mkdirSync(dir, { recursive: true });
  for (const [f, content] of Object.entries(c.files)) writeFileSync(join(dir, f), content);
  const args = c.args.map((a) => (a.startsWith('@') ? join(dir, a.slice(1)) : a));
  const t0 = performance.now();
  const p = spawnSync(process.execPath, [`--max-old-space-size=${fuzzHeapMb}`, bin, ...args], {
    encoding: 'utf8',
    timeout: fuzzTimeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: p.status, signal: p.signal, stderr: p.stderr, ms: performance.now() - t0 };
}

/** Null when the outcome is acceptable: success, or one catalogue error line with exit 1 or 2, no stack trace. */
export function fuzzProblem(o: FuzzOutcome): string | null {
  if (o.signal !== null) return `killed by ${o.signal} after ${o.ms.toFixed(0)} ms (time bound ${fuzzTimeoutMs} ms)`;
  if (/\n\s+at /.test(o.stderr)) return `stack trace on stderr: ${o.stderr.slice(0, 400)}`;
  if (o.status === 0) return null;
  if (o.status !== 1 && o.status !== 2) return `exit ${o.status}: ${o.stderr.slice(0, 400)}`;
  const lines = o.stderr.split('\n').filter((l) => l.startsWith('stakemesh: '));
  const last = lines[lines.length - 1];
  const m = last ? /^stakemesh: ([A-Z_]+): ./.exec(last) : null;
  if (!m || !(m[1]! in errorCatalogue)) return `no catalogue error line: ${o.stderr.slice(0, 400)}`;
  return null;
}
