/** Risk engine (network view, analyze, generate) user errors. */
export const riskCodes = {
  BAD_NETWORK: 'The network file is not valid',
  DUPLICATE_ID: 'An id appears twice',
  UNKNOWN_REFERENCE: 'An allocation names an unknown operator or service',
  ALLOCATION_EXCEEDS_STAKE: 'An allocation is larger than the operator stake',
  UNKNOWN_SERVICE_ID: 'No service with this id in the network',
  BAD_OPTION: 'A command-line option or argument is missing, unknown or invalid',
} as const;
