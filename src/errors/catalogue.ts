import { conditionCodes } from './conditionCodes.js';
import { inputCodes } from './inputCodes.js';
import { ledgerCodes } from './ledgerCodes.js';
import { lrtCodes } from './lrtCodes.js';
import { rewardCodes } from './rewardCodes.js';
import { insuranceCodes } from './insuranceCodes.js';
import { jobCodes } from './jobCodes.js';
import { riskCodes } from './riskCodes.js';
import { scenarioCodes } from './scenarioCodes.js';
import { httpCodes } from './httpCodes.js';
import { serviceCodes } from './serviceCodes.js';
import { chainCodes } from './chainCodes.js';

/**
 * The one catalogue of user-error codes. Each domain keeps its own list in `errors/*Codes.ts`;
 * this merges them. `docs/errors.md` mirrors it (a test keeps them in sync;
 * `node scripts/errors-doc.mjs` regenerates the page).
 */
export const errorCatalogue = {
  ...inputCodes,
  ...ledgerCodes,
  ...riskCodes,
  ...conditionCodes,
  ...scenarioCodes,
  ...lrtCodes,
  ...rewardCodes,
  ...insuranceCodes,
  ...httpCodes,
  ...serviceCodes,
  ...chainCodes,
  ...jobCodes,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
