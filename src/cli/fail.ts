import type { Command } from 'commander';

/** Bad input at the CLI edge: one line on stderr, non-zero exit, no stack trace. */
export function exitWithError(code: string, message: string): never {
  process.stderr.write(`stakemesh: ${code}: ${message}\n`);
  process.exit(2);
}

/**
 * Makes commander's usage errors (missing argument or option, unknown option or subcommand,
 * too many arguments) one `stakemesh: BAD_OPTION: …` line and exit 2 like exitWithError, instead
 * of an error line followed by the help. Call on the program before adding subcommands: they
 * inherit the output settings. `--help` and a bare `stakemesh` still print the help.
 */
export function oneLineUsageErrors(program: Command): Command {
  return program.showHelpAfterError(false).configureOutput({
    outputError: (text) =>
      exitWithError(
        'BAD_OPTION',
        text
          .replace(/^error: /, '')
          .replace(/\s*\n\s*/g, ' ')
          .trim(),
      ),
  });
}
