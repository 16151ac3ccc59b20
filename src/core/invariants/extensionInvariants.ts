import type { InvariantCheck } from './invariantCheck.js';
import { rewardInvariants } from '../rewards/rewardInvariants.js';
import { insuranceInvariants } from '../insurance/insuranceInvariants.js';
import { checkLrts } from '../lrt/checkLrts.js';
import { nativeInvariants } from '../native/nativeInvariants.js';

/** Invariant checks of ledger extensions that checkInvariants always runs (rewards, insurance, LRT, native restaking). */
export const extensionInvariants: readonly InvariantCheck[] = [rewardInvariants, insuranceInvariants, checkLrts, nativeInvariants];
