/** Size bounds of a network view (SPEC §5); exceeding one is a TOO_LARGE user error. */
export const operatorsMax = 10_000;
export const servicesMax = 1_000;
export const allocationsMax = 200_000;
/** Largest network / command-log file read by `analyze`. */
export const networkFileBytesMax = 64 * 1024 * 1024;
