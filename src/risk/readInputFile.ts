import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { fail, ok, type Result } from '../errors/result.js';

/** Bytes read per readSync call. */
const chunkBytes = 1 << 20;

export interface ReadInputOptions {
  /** Most bytes accepted; a larger file is TOO_LARGE (checked on the size and again while reading). */
  readonly bytesMax: number;
  /** What the file is, for messages ("command log", "key file"). */
  readonly what: string;
}

function errnoCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : 'error');
}

function notRegular(what: string, st: { isDirectory(): boolean; isFIFO(): boolean }): Result<never> {
  const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : 'a device or socket';
  return fail('NOT_A_FILE', `the ${what} is ${kind}`);
}

/**
 * The one way the CLI and the risk input path read a file: regular files only, at most `bytesMax`
 * bytes, decoded as UTF-8 with a leading byte-order mark dropped. Devices (/dev/zero,
 * /dev/urandom), FIFOs, sockets and directories are refused before anything is read: stat runs
 * before open, and open uses O_NONBLOCK so a FIFO swapped in between never blocks; the open file
 * is checked again with fstat. Messages leave the path to the caller, which prefixes it. The byte cap holds while reading, so a file that grows (or lies
 * about its size, as /proc files do) cannot make the read unbounded.
 */
export function readInputFile(path: string, o: ReadInputOptions): Result<string> {
  let fd: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return notRegular(o.what, st);
    if (st.size > o.bytesMax) return fail('TOO_LARGE', `the ${o.what} is ${st.size} bytes (at most ${o.bytesMax})`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return fail('PARSE_ERROR', `cannot read the ${o.what}: ${errnoCode(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return notRegular(o.what, st);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(chunkBytes, o.bytesMax + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > o.bytesMax) return fail('TOO_LARGE', `the ${o.what} is larger than ${o.bytesMax} bytes`);
    }
    return ok(
      Buffer.concat(chunks, total)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch (e) {
    return fail('PARSE_ERROR', `cannot read the ${o.what}: ${errnoCode(e)}`);
  } finally {
    closeSync(fd);
  }
}
