import { fail, ok, StakemeshFailure } from '../../../errors/result.js';
import { ByteWriter } from '../bytes.js';
import type { ConditionKind } from '../conditionKind.js';
import { doubleSignCodec, type DoubleSignMessage } from '../encoding.js';
import { asArray, asObject, bytesEqual } from '../evidenceFields.js';
import { checkHeight, checkOperatorSignature, checkParties, decodeSigned, strictParams, type SignedMessage } from './common.js';

export type DoubleSignEvidence = readonly [SignedMessage<DoubleSignMessage>, SignedMessage<DoubleSignMessage>];

/**
 * `doubleSign`: two messages signed by the operator's key (valid at that height) for the same
 * (set, height, round) with different payloads. Offence id: the slot (set, operator, height,
 * round), so any further conflicting message for the same slot is a replay.
 * Evidence: `{ "messages": [signedMessage, signedMessage] }` in either order.
 */
export const doubleSignKind: ConditionKind<Record<string, never>, DoubleSignEvidence> = {
  kind: 'doubleSign',
  parseParams(raw) {
    strictParams(raw, []);
    return {};
  },
  decodeEvidence(raw) {
    const e = asObject(raw, 'evidence');
    const list = asArray(e.messages, 'messages', 2);
    if (list.length !== 2) throw new StakemeshFailure('EVIDENCE_MALFORMED', 'messages must hold exactly 2 signed messages');
    return [decodeSigned(doubleSignCodec, list[0], 'messages[0]'), decodeSigned(doubleSignCodec, list[1], 'messages[1]')];
  },
  verify(ctx, _params, [a, b]) {
    for (const m of [a, b]) {
      const parties = checkParties(ctx, m.message);
      if (!parties.ok) return parties;
    }
    if (a.message.height !== b.message.height || a.message.round !== b.message.round) {
      return fail('EVIDENCE_DIFFERENT_SLOT', `(${a.message.height}, ${a.message.round}) vs (${b.message.height}, ${b.message.round})`);
    }
    if (bytesEqual(a.message.payload, b.message.payload)) return fail('EVIDENCE_SAME_PAYLOAD');
    const height = a.message.height;
    const h = checkHeight(ctx, height);
    if (!h.ok) return h;
    for (const m of [a, b]) {
      const s = checkOperatorSignature(ctx, height, m.bytes, m.signature);
      if (!s.ok) return s;
    }
    const offence = new ByteWriter().id(ctx.set).id(ctx.operator).u64(height).u64(a.message.round).finish();
    return ok({ offence, height });
  },
};
