import { fail, ok } from '../../../errors/result.js';
import { ByteWriter } from '../bytes.js';
import { attestersMax, toleranceBpsMax } from '../conditionBounds.js';
import type { ConditionKind } from '../conditionKind.js';
import { oracleReferenceCodec, oracleReportCodec, readMessage, type OracleReference, type OracleReport } from '../encoding.js';
import { asArray, asObject, idField, intField } from '../evidenceFields.js';
import { checkQuorum, decodeQuorumSignatures, parseQuorumParams, type QuorumParams, type QuorumSignature } from '../quorum.js';
import { checkHeight, checkOperatorSignature, checkParties, decodeSigned, strictParams, type SignedMessage } from './common.js';

export type OracleDeviationParams = QuorumParams & { readonly toleranceBps: number; readonly feeds: readonly string[] };

export interface OracleDeviationEvidence {
  readonly report: SignedMessage<OracleReport>;
  readonly reference: OracleReference;
  readonly referenceBytes: Uint8Array;
  readonly signatures: readonly QuorumSignature[];
}

/** |report − reference| · 10 000 > toleranceBps · reference, exactly. */
export function deviates(report: bigint, reference: bigint, toleranceBps: number): boolean {
  const diff = report > reference ? report - reference : reference - report;
  return diff * 10_000n > BigInt(toleranceBps) * reference;
}

/**
 * `oracleDeviation`: an operator-signed report for (feed, round) deviates from the quorum-signed
 * reference for the same (set, feed, round) by more than `toleranceBps`.
 * Params: `{ toleranceBps, attesters, threshold, feeds? }` (feeds: restrict to these feed ids).
 * Evidence: `{ "report": { message | fields, signature }, "reference": { message | fields, signatures: [...] } }`.
 * Offence id: (set, operator, feed, round).
 */
export const oracleDeviationKind: ConditionKind<OracleDeviationParams, OracleDeviationEvidence> = {
  kind: 'oracleDeviation',
  parseParams(raw) {
    const p = strictParams(raw, ['toleranceBps', 'attesters', 'threshold', 'feeds']);
    const toleranceBps = intField(p.toleranceBps, 'toleranceBps', toleranceBpsMax, 'BAD_CONDITION_PARAMS');
    const feeds =
      p.feeds === undefined
        ? []
        : asArray(p.feeds, 'feeds', attestersMax, 'BAD_CONDITION_PARAMS').map((f, i) => idField(f, `feeds[${i}]`, 'BAD_CONDITION_PARAMS'));
    return { ...parseQuorumParams(p), toleranceBps, feeds };
  },
  decodeEvidence(raw) {
    const e = asObject(raw, 'evidence');
    const ref = asObject(e.reference, 'reference');
    const { message, bytes } = readMessage(oracleReferenceCodec, ref);
    return {
      report: decodeSigned(oracleReportCodec, e.report, 'report'),
      reference: message,
      referenceBytes: bytes,
      signatures: decodeQuorumSignatures(ref.signatures, 'reference.signatures'),
    };
  },
  verify(ctx, params, ev) {
    const r = ev.report.message;
    const ref = ev.reference;
    for (const m of [r, ref]) {
      const parties = checkParties(ctx, m);
      if (!parties.ok) return parties;
    }
    if (r.feed !== ref.feed || r.round !== ref.round)
      return fail('EVIDENCE_MISMATCH', `report (${r.feed}, ${r.round}) vs reference (${ref.feed}, ${ref.round})`);
    if (params.feeds.length > 0 && !params.feeds.includes(r.feed))
      return fail('EVIDENCE_MISMATCH', `feed ${r.feed} is not covered by the condition`);
    if (!deviates(r.value, ref.value, params.toleranceBps))
      return fail('EVIDENCE_NO_VIOLATION', `report within ${params.toleranceBps} bps of the reference`);
    const h = checkHeight(ctx, r.height);
    if (!h.ok) return h;
    const s = checkOperatorSignature(ctx, r.height, ev.report.bytes, ev.report.signature);
    if (!s.ok) return s;
    const q = checkQuorum(params, ev.referenceBytes, ev.signatures);
    if (!q.ok) return q;
    return ok({ offence: new ByteWriter().id(ctx.set).id(ctx.operator).id(r.feed).u64(r.round).finish(), height: r.height });
  },
};
