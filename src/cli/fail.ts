/** Bad input at the CLI edge: one line on stderr, non-zero exit, no stack trace. */
export function exitWithError(code: string, message: string): never {
  process.stderr.write(`stakemesh: ${code}: ${message}\n`);
  process.exit(2);
}
