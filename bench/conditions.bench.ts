import type { BenchRow, BenchRun } from './types.js';
import { runLog } from '../src/core/runLog.js';
import { quorumSignPiece, signPiece, type Signer } from '../src/core/conditions/buildEvidence.js';
import { defaultConditionRegistry } from '../src/core/conditions/conditionRegistry.js';
import { doubleSignCodec, livenessCodec, oracleReferenceCodec, oracleReportCodec } from '../src/core/conditions/encoding.js';
import { publicKeyOf, secretKeyFromSeed, verifySignature, type Scheme } from '../src/core/conditions/signatures.js';
import { oracleDeviationKind } from '../src/core/conditions/verifiers/oracleDeviation.js';
import { verifyEvidence } from '../src/core/conditions/verifyEvidence.js';
import { proveKey } from '../src/core/conditions/keyProof.js';

/** Evidence verifications per second for each condition kind (pure `verifyEvidence`, no slash). */
const secondsPerCase = 1.5;
/** Issue 14: ≥ 5,000 evidence verifications per second per core (the bench runs on one core). */
const targetPerSecond = 5000;

const key = (scheme: Scheme, seed: string): Signer => ({ scheme, secretKey: secretKeyFromSeed(scheme, new TextEncoder().encode(seed)) });
const pub = (k: Signer) => ({ scheme: k.scheme, publicKey: publicKeyOf(k.scheme, k.secretKey) });

function setup() {
  const edOp = key('ed25519', 'op-ed');
  const secpOp = key('secp256k1', 'op-secp');
  const quorum = [key('ed25519', 'q0'), key('secp256k1', 'q1'), key('ed25519', 'q2')];
  const attesters = quorum.map(pub);
  const { state, results } = runLog([
    { type: 'registerOperator', operator: 'ed' },
    { type: 'registerOperator', operator: 'secp' },
    { type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'eth' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
    { type: 'registerKey', operator: 'ed', ...proveKey('ed', edOp) },
    { type: 'registerKey', operator: 'secp', ...proveKey('secp', secpOp) },
    { type: 'attachCondition', set: 's', condition: 'ds', kind: 'doubleSign', penalty: '0.1', cap: '1', windowBlocks: 10 },
    {
      type: 'attachCondition',
      set: 's',
      condition: 'live',
      kind: 'liveness',
      penalty: '0.1',
      cap: '1',
      windowBlocks: 10,
      params: { k: 3, n: 10, attesters, threshold: 2 },
    },
    {
      type: 'attachCondition',
      set: 's',
      condition: 'oracle',
      kind: 'oracleDeviation',
      penalty: '0.1',
      cap: '1',
      windowBlocks: 10,
      params: { toleranceBps: 100, attesters, threshold: 2 },
    },
    { type: 'advance', blocks: 10 },
  ]);
  const failed = results.filter((r) => r.status !== 'ok');
  if (failed.length > 0) throw new Error(`benchmark setup failed: ${JSON.stringify(failed)}`);
  return { state, edOp, secpOp, quorum };
}

function ds(operator: string, k: Signer) {
  const m = (p: number) => signPiece(doubleSignCodec, { set: 's', operator, height: 5, round: 0, payload: new Uint8Array(32).fill(p) }, k);
  return { messages: [m(1), m(2)] };
}

/**
 * Verifications per CPU-second of this process (process.cpuUsage): "per core", and unlike wall
 * time it does not fall when other processes share the machine (the figure the issue's target
 * names). It counts all the process's threads, so V8's collector and compiler threads too (about
 * 9 % of the CPU time in the oracleDeviation case): a conservative per-core figure.
 */
function measure(f: () => boolean): number {
  let n = 0;
  const c0 = process.cpuUsage();
  const wallStop = performance.now() + 20_000;
  let cpuS = 0;
  while (cpuS < secondsPerCase && performance.now() < wallStop) {
    for (let i = 0; i < 10; i++) if (!f()) throw new Error('benchmark evidence did not verify');
    n += 10;
    const c = process.cpuUsage(c0);
    cpuS = (c.user + c.system) / 1e6;
  }
  return n / cpuS;
}

export const run: BenchRun = async () => {
  const { state, edOp, secpOp, quorum } = setup();
  const { signatures, ...attestation } = quorumSignPiece(
    livenessCodec,
    { set: 's', operator: 'ed', height: 5, tasks: 10, missed: 4 },
    quorum.slice(0, 2),
  );
  const oracle = {
    report: signPiece(oracleReportCodec, { set: 's', operator: 'ed', feed: 'ETH/USD', round: 1, height: 5, value: 3500n }, edOp),
    reference: quorumSignPiece(oracleReferenceCodec, { set: 's', feed: 'ETH/USD', round: 1, value: 3000n }, quorum.slice(0, 2)),
  };
  const cases: [string, string, string, unknown][] = [
    ['doubleSign (ed25519, 2 signatures)', 'ds', 'ed', ds('ed', edOp)],
    ['doubleSign (secp256k1, 2 signatures)', 'ds', 'secp', ds('secp', secpOp)],
    ['liveness (2-of-3 quorum, ed25519 + secp256k1)', 'live', 'ed', { attestation, signatures }],
    ['oracleDeviation (report + 2-of-3 reference)', 'oracle', 'ed', oracle],
    [
      'malformed evidence rejected (truncated message)',
      'ds',
      'ed',
      { messages: [{ message: '17737461', signature: '00'.repeat(64) }, {}] },
    ],
  ];
  const rows: BenchRow[] = [];
  for (const [name, condition, operator, evidence] of cases) {
    const sub = { set: 's', condition, operator, evidence };
    const expectOk = !name.startsWith('malformed');
    const perSecond = measure(() => verifyEvidence(state.conditions, defaultConditionRegistry, state.block, sub).ok === expectOk);
    const rounded = Math.round(perSecond);
    rows.push({
      name: `conditions: ${name}`,
      value: rounded,
      unit: 'verifications per CPU-second',
      target: `≥ ${targetPerSecond.toLocaleString('en-US')}/s per core`,
      met: rounded >= targetPerSecond,
    });
  }
  rows.push(oracleSignatureFloor(oracle, pub(edOp), quorum.map(pub)));
  return rows;
};

/**
 * The three signature checks of the oracleDeviation row alone (same keys, messages and
 * signatures, through verifySignature, decoded once outside the loop): that row's floor on this
 * machine at this moment. No target: on this shared host a native check costs 42–70 µs of CPU
 * from one minute to the next, and this row tells that apart from the work around the signatures.
 */
function oracleSignatureFloor(oracle: unknown, operator: Attester, attesters: readonly Attester[]): BenchRow {
  const e = oracleDeviationKind.decodeEvidence(oracle);
  const checks = [
    { ...operator, bytes: e.report.bytes, signature: e.report.signature },
    ...e.signatures.map((s) => {
      const a = attesters.find((x) => x.publicKey === s.publicKey);
      if (!a) throw new Error('benchmark evidence names an unknown attester');
      return { ...a, bytes: e.referenceBytes, signature: s.signature };
    }),
  ];
  const perSecond = measure(() => checks.every((c) => verifySignature(c.scheme, c.publicKey, c.bytes, c.signature)));
  return {
    name: `conditions: oracleDeviation floor: its ${checks.length} signature checks alone`,
    value: Math.round(perSecond),
    unit: 'sets of checks per CPU-second',
    note: 'no target: the machine speed of the moment',
  };
}

type Attester = { readonly scheme: Scheme; readonly publicKey: string };
