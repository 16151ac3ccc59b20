/** Named bounds of programmable slashing conditions (SPEC §3.5). Passing one is a returned error. */
export const payloadBytesMax = 4096;
/** Largest evidence accepted by `submitEvidence`, measured as its JSON text. */
export const evidenceJsonCharsMax = 65_536;
export const attestersMax = 64;
export const signaturesPerEvidenceMax = 64;
export const conditionsPerSetMax = 64;
/** Key epochs kept per operator (initial key plus rotations). */
export const keyEpochsMax = 1024;
/** Heights and rounds are u64 on the wire but must fit a JavaScript safe integer. */
export const heightMax = Number.MAX_SAFE_INTEGER;
export const tasksMax = 2 ** 32 - 1;
export const toleranceBpsMax = 1_000_000;
export const windowBlocksMax = 10_000_000;
export const defaultKeyRotationDelayBlocks = 50_400;
/** Condition params as JSON text, for custom kinds too. */
export const paramsJsonCharsMax = 16_384;
export const conditionKindLengthMax = 64;
/** Penalties remembered per (set, condition, operator) within one window. */
export const penaltyRecordsMax = 4096;
/** Checked public keys kept per scheme for the native signature checks (registered keys and attesters). */
export const nativeKeyCacheMax = 4096;
