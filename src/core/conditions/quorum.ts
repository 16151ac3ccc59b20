import { fail, ok, StakemeshFailure, type Result } from '../../errors/result.js';
import { attestersMax, signaturesPerEvidenceMax } from './conditionBounds.js';
import { asArray, asObject, hexField, hexFieldText, intField } from './evidenceFields.js';
import { normalizePublicKey, parseScheme, signatureBytes, verifySignature, type Scheme } from './signatures.js';

/** A quorum declared in condition params: attester keys and how many must sign. */
export type QuorumParams = {
  readonly attesters: readonly { readonly scheme: string; readonly publicKey: string }[];
  readonly threshold: number;
};

export interface QuorumSignature {
  readonly publicKey: string;
  readonly signature: Uint8Array;
}

export function parseQuorumParams(p: Readonly<Record<string, unknown>>): QuorumParams {
  const list = asArray(p.attesters, 'attesters', attestersMax, 'BAD_CONDITION_PARAMS');
  if (list.length === 0) throw new StakemeshFailure('BAD_CONDITION_PARAMS', 'attesters must not be empty');
  const attesters = list.map((a, i) => {
    const o = asObject(a, `attesters[${i}]`, 'BAD_CONDITION_PARAMS');
    const scheme = parseScheme(o.scheme, 'BAD_CONDITION_PARAMS');
    return { scheme, publicKey: normalizePublicKey(scheme, o.publicKey, 'BAD_CONDITION_PARAMS') };
  });
  if (new Set(attesters.map((a) => a.publicKey)).size !== attesters.length) {
    throw new StakemeshFailure('BAD_CONDITION_PARAMS', 'attesters has duplicates');
  }
  const threshold = intField(p.threshold, 'threshold', attesters.length, 'BAD_CONDITION_PARAMS', 1);
  return { attesters, threshold };
}

/** `[{ publicKey: hex, signature: hex }]`; structure only, no verification. */
export function decodeQuorumSignatures(v: unknown, what: string): QuorumSignature[] {
  const list = asArray(v, what, signaturesPerEvidenceMax);
  const out = list.map((s, i) => {
    const o = asObject(s, `${what}[${i}]`);
    return {
      publicKey: hexFieldText(o.publicKey, `${what}[${i}].publicKey`, { max: 65 }),
      signature: hexField(o.signature, `${what}[${i}].signature`, { exact: signatureBytes }),
    };
  });
  if (new Set(out.map((s) => s.publicKey)).size !== out.length) {
    throw new StakemeshFailure('EVIDENCE_MALFORMED', `${what} names an attester twice`);
  }
  return out;
}

/** Every signer must be a declared attester with a valid signature; at least `threshold` of them. */
export function checkQuorum(q: QuorumParams, message: Uint8Array, sigs: readonly QuorumSignature[]): Result<number> {
  if (sigs.length < q.threshold) return fail('EVIDENCE_QUORUM_NOT_MET', `${sigs.length} of ${q.threshold} signatures`);
  const signers = sigs.map((s) => q.attesters.find((x) => x.publicKey === s.publicKey));
  const unknown = signers.findIndex((a) => a === undefined);
  if (unknown >= 0) return fail('EVIDENCE_UNKNOWN_ATTESTER', sigs[unknown]?.publicKey.slice(0, 16));
  // every signer is known before the first (costly) signature check
  for (const [i, s] of sigs.entries()) {
    const a = signers[i] as { scheme: string; publicKey: string };
    if (!verifySignature(a.scheme as Scheme, a.publicKey, message, s.signature)) {
      return fail('EVIDENCE_BAD_SIGNATURE', `attester ${s.publicKey.slice(0, 16)}…`);
    }
  }
  return ok(sigs.length);
}
