/** Named bounds of the ledger: a command that would pass one fails with BOUND_EXCEEDED. */
export const idLengthMax = 128;
export const assetsMax = 10_000;
export const vaultsMax = 100_000;
export const operatorsMax = 1_000_000;
export const servicesMax = 100_000;
export const setsMax = 100_000;
export const stakersMax = 10_000_000;
export const vaultsPerSetMax = 256;
export const decimalsMax = 36;
/** Block heights are uint32, as in EigenLayer's contracts. */
export const blockMax = 2 ** 32 - 1;
export const delayBlocksMax = 10_000_000;
export const commissionBipsMax = 10_000;

/** EigenLayer StrategyBase virtual offsets: blunt the first-depositor inflation attack. */
export const sharesOffset = 1000n;
export const balanceOffset = 1000n;
export const withdrawalsMax = 10_000_000;
/** A set's resolver change waits this long, so it cannot be swapped under a pending request. */
export const resolverChangeDelayBlocks = 50_400;
