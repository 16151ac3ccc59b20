import { closeSync, existsSync, mkdirSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exitWithError } from './fail.js';

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Write errors on stdout arrive as 'error' events after the write call returned, and an
 * unhandled one prints a stack trace. A closed pipe (`| head -c 10`: EPIPE) means the reader has
 * all it wants: end quietly with status 0, as `cat` ended by SIGPIPE would leave no message. Any
 * other failure (`> /dev/full`: ENOSPC, EIO) is one WRITE_FAILED line. Installed once by main.
 */
export function guardStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    exitWithError('WRITE_FAILED', `cannot write to stdout: ${errnoOf(e)}`);
  });
  // stderr closed too: nothing left to tell anyone
  process.stderr.on('error', () => process.exit(2));
}

/** Every CLI output goes through here (see guardStdout for how write failures end the process). */
export function writeStdout(text: string): void {
  process.stdout.write(text);
}

/** Writes an output file (its folder exists: see writableOutputPath), or exits with one WRITE_FAILED line. */
export function writeOutputFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    exitWithError('WRITE_FAILED', `cannot write ${path}: ${errnoOf(e)}`);
  }
}

/**
 * An output path given on the command line (`--out`, `--html`), resolved against the cwd, and
 * checked writable before any work is done: the folder is created (when asked) and the file opened for
 * appending (a probe that changes nothing; a file the probe created is removed again). An empty
 * path is a BAD_OPTION, not "no file".
 */
export function writableOutputPath(path: string, flag: string, o: { createFolder: boolean }): string {
  if (path.trim() === '') exitWithError('BAD_OPTION', `${flag} needs a file path, got an empty one`);
  const abs = resolve(path);
  try {
    if (o.createFolder) mkdirSync(dirname(abs), { recursive: true });
    const existed = existsSync(abs);
    closeSync(openSync(abs, 'a'));
    if (!existed) unlinkSync(abs);
  } catch (e) {
    exitWithError('WRITE_FAILED', `cannot write ${abs}: ${errnoOf(e)}`);
  }
  return abs;
}
