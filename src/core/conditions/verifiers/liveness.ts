import { fail, ok, StakemeshFailure } from '../../../errors/result.js';
import { ByteWriter } from '../bytes.js';
import { tasksMax } from '../conditionBounds.js';
import type { ConditionKind } from '../conditionKind.js';
import { livenessCodec, readMessage, type LivenessAttestation } from '../encoding.js';
import { asObject, intField } from '../evidenceFields.js';
import { checkQuorum, decodeQuorumSignatures, parseQuorumParams, type QuorumParams, type QuorumSignature } from '../quorum.js';
import { checkHeight, checkParties, strictParams } from './common.js';

export type LivenessParams = QuorumParams & { readonly k: number; readonly n: number };

export interface LivenessEvidence {
  readonly attestation: LivenessAttestation;
  readonly bytes: Uint8Array;
  readonly signatures: readonly QuorumSignature[];
}

/**
 * `liveness`: a quorum of the declared attesters signs that the operator missed `missed` of the
 * last `tasks` tasks ending at `height`; it slashes when tasks = n and missed ≥ k.
 * Params: `{ k, n, attesters: [{ scheme, publicKey }], threshold }`.
 * Evidence: `{ "attestation": { message | set, operator, height, tasks, missed }, "signatures": [{ publicKey, signature }] }`.
 * Offence id: (set, operator, height): one slash per attested window end.
 */
export const livenessKind: ConditionKind<LivenessParams, LivenessEvidence> = {
  kind: 'liveness',
  parseParams(raw) {
    const p = strictParams(raw, ['k', 'n', 'attesters', 'threshold']);
    const n = intField(p.n, 'n', tasksMax, 'BAD_CONDITION_PARAMS', 1);
    const k = intField(p.k, 'k', n, 'BAD_CONDITION_PARAMS', 1);
    return { ...parseQuorumParams(p), k, n };
  },
  decodeEvidence(raw) {
    const e = asObject(raw, 'evidence');
    const { message, bytes } = readMessage(livenessCodec, asObject(e.attestation, 'attestation'));
    if (message.missed > message.tasks) throw new StakemeshFailure('EVIDENCE_MALFORMED', 'missed > tasks');
    return { attestation: message, bytes, signatures: decodeQuorumSignatures(e.signatures, 'signatures') };
  },
  verify(ctx, params, ev) {
    const a = ev.attestation;
    const parties = checkParties(ctx, a);
    if (!parties.ok) return parties;
    if (a.tasks !== params.n) return fail('EVIDENCE_MISMATCH', `attested window of ${a.tasks} tasks, condition counts ${params.n}`);
    if (a.missed < params.k) return fail('EVIDENCE_NO_VIOLATION', `missed ${a.missed} of ${a.tasks}, condition needs ${params.k}`);
    const h = checkHeight(ctx, a.height);
    if (!h.ok) return h;
    const q = checkQuorum(params, ev.bytes, ev.signatures);
    if (!q.ok) return q;
    return ok({ offence: new ByteWriter().id(ctx.set).id(ctx.operator).u64(a.height).finish(), height: a.height });
  },
};
