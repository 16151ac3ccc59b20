import { runLog, type ResultEntry } from '../../../src/core/runLog.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import type { Signer } from '../../../src/core/conditions/buildEvidence.js';
import { publicKeyOf, secretKeyFromSeed, type Scheme } from '../../../src/core/conditions/signatures.js';
import { proveKey } from '../../../src/core/conditions/keyProof.js';

export function signer(scheme: Scheme, seed: string): Signer {
  return { scheme, secretKey: secretKeyFromSeed(scheme, new TextEncoder().encode(seed)) };
}

/** registerKey / rotateKey with its proof of possession. */
export function keyCommand(type: 'registerKey' | 'rotateKey', operator: string, key: Signer) {
  return { type, operator, ...proveKey(operator, key) };
}

export const opKey = signer('ed25519', 'operator-1');
export const opKeySecp = signer('secp256k1', 'operator-2');
export const attesters = [signer('ed25519', 'att-0'), signer('secp256k1', 'att-1'), signer('ed25519', 'att-2')];
export const attesterParams = attesters.map((a) => ({ scheme: a.scheme, publicKey: publicKeyOf(a.scheme, a.secretKey) }));

/** A ledger with one vault, two operators (op1 ed25519, op2 secp256k1) allocated 50% to set "s" with conditions. */
export function baseLog(): unknown[] {
  return [
    { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 0 },
    { type: 'configureConditions', keyRotationDelayBlocks: 100 },
    { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3000' },
    { type: 'createVault', vault: 'v', asset: 'stETH' },
    { type: 'registerOperator', operator: 'op1' },
    { type: 'registerOperator', operator: 'op2' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
    { type: 'registerForOperatorSet', operator: 'op1', set: 's' },
    { type: 'registerForOperatorSet', operator: 'op2', set: 's' },
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000000000000000000000' },
    { type: 'delegate', staker: 'alice', operator: 'op1' },
    { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000000000000000000000' },
    { type: 'delegate', staker: 'bob', operator: 'op2' },
    { type: 'advance', blocks: 1 },
    { type: 'allocate', operator: 'op1', set: 's', vault: 'v', magnitude: '0.5' },
    { type: 'allocate', operator: 'op2', set: 's', vault: 'v', magnitude: '0.5' },
    keyCommand('registerKey', 'op1', opKey),
    keyCommand('registerKey', 'op2', opKeySecp),
    { type: 'attachCondition', set: 's', condition: 'ds', kind: 'doubleSign', penalty: '0.1', cap: '0.5', windowBlocks: 1000 },
    {
      type: 'attachCondition',
      set: 's',
      condition: 'live',
      kind: 'liveness',
      penalty: '0.05',
      cap: '0.08',
      windowBlocks: 100,
      cooldownBlocks: 5,
      params: { k: 3, n: 10, attesters: attesterParams, threshold: 2 },
    },
    {
      type: 'attachCondition',
      set: 's',
      condition: 'oracle',
      kind: 'oracleDeviation',
      penalty: '0.02',
      cap: '0.1',
      windowBlocks: 100,
      params: { toleranceBps: 100, attesters: attesterParams, threshold: 2 },
    },
    { type: 'advance', blocks: 10 },
  ];
}

export function run(commands: unknown[]): { state: LedgerState; results: ResultEntry[] } {
  return runLog(commands);
}

export function assertAllOk(results: readonly ResultEntry[]): void {
  const bad = results.filter((r) => r.status !== 'ok');
  if (bad.length > 0) throw new Error(`commands failed: ${JSON.stringify(bad)}`);
}

import { quorumSignPiece, signPiece } from '../../../src/core/conditions/buildEvidence.js';
import { doubleSignCodec, livenessCodec, oracleReferenceCodec, oracleReportCodec } from '../../../src/core/conditions/encoding.js';

export function dsPiece(o: {
  set?: string;
  operator?: string;
  height: number;
  round?: number;
  payload: number[];
  key?: Signer;
  encoded?: boolean;
}) {
  const m = { set: o.set ?? 's', operator: o.operator ?? 'op1', height: o.height, round: o.round ?? 0, payload: new Uint8Array(o.payload) };
  return signPiece(doubleSignCodec, m, o.key ?? opKey, o.encoded ?? false);
}

export function submit(condition: string, evidence: unknown, operator = 'op1', set = 's') {
  return { type: 'submitEvidence', set, condition, operator, evidence };
}

export function livenessEvidence(o: {
  height: number;
  tasks?: number;
  missed: number;
  operator?: string;
  signers?: readonly Signer[];
  encoded?: boolean;
}) {
  const a = { set: 's', operator: o.operator ?? 'op1', height: o.height, tasks: o.tasks ?? 10, missed: o.missed };
  const piece = quorumSignPiece(livenessCodec, a, o.signers ?? attesters.slice(0, 2), o.encoded ?? false);
  const { signatures, ...attestation } = piece;
  return { attestation, signatures: signatures as { publicKey: string; signature: string }[] };
}

export function oracleEvidence(o: {
  round: number;
  height: number;
  report: bigint;
  reference: bigint;
  feed?: string;
  refRound?: number;
  signers?: readonly Signer[];
  key?: Signer;
}) {
  const feed = o.feed ?? 'ETH/USD';
  return {
    report: signPiece(
      oracleReportCodec,
      { set: 's', operator: 'op1', feed, round: o.round, height: o.height, value: o.report },
      o.key ?? opKey,
    ),
    reference: quorumSignPiece(
      oracleReferenceCodec,
      { set: 's', feed, round: o.refRound ?? o.round, value: o.reference },
      o.signers ?? attesters.slice(0, 2),
    ),
  };
}
