/** Most envelopes in one submitted batch. */
export const batchSizeMax = 256;
/** Most entries one `log()` call returns. */
export const logPageMax = 1000;
