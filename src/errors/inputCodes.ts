/** Malformed input: files, fields and numbers. */
export const inputCodes = {
  BAD_NUMBER: 'Not a valid number',
  NUMBER_OUT_OF_RANGE: 'Number outside the allowed range',
  BAD_FRACTION: 'Not a valid fraction (decimal string or "p/q")',
  BAD_FIELD: 'A field is missing or has the wrong type',
  UNKNOWN_COMMAND: 'Unknown command type',
  BAD_ID: 'Ids are non-empty strings of at most 128 printable characters, other than __proto__, constructor and prototype',
  PARSE_ERROR: 'The input (a file, an HTTP body, a log line) could not be parsed',
  TOO_LARGE: 'Input exceeds a size bound',
  NOT_A_FILE: 'Not a regular file (directories, FIFOs, devices and sockets are refused before reading)',
  COMMANDS_FAILED: 'Commands of the log failed (run --strict exits 1)',
  WRITE_FAILED: 'An output file could not be written',
} as const;
