import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { StakemeshFailure } from '../../errors/result.js';

/** Characters buffered before a write: one write per window or so, not one per command. */
const flushChars = 1 << 20;

/**
 * Appends commands to a JSON Lines file and keeps the sha256 and size of everything written, so
 * the manifest can name exactly the prefix it vouches for (a resumed import cuts the file back
 * to it: lines written after the last manifest belong to a window that was not finished).
 */
export class CommandLogWriter {
  private readonly fd: number;
  private readonly hash: Hash;
  private pending: string[] = [];
  private pendingChars = 0;
  bytes: number;
  lines: number;

  private constructor(fd: number, hash: Hash, bytes: number, lines: number) {
    this.fd = fd;
    this.hash = hash;
    this.bytes = bytes;
    this.lines = lines;
  }

  static create(path: string): CommandLogWriter {
    return new CommandLogWriter(open(path, 'w'), createHash('sha256'), 0, 0);
  }

  /** Reopens a log at the prefix a manifest vouches for; fails if that prefix was changed. */
  static resume(path: string, expect: { bytes: number; lines: number; sha256: string }): CommandLogWriter {
    if (!existsSync(path) || statSync(path).size < expect.bytes) {
      throw new StakemeshFailure('MANIFEST_MISMATCH', `${path} is shorter than the manifest says`);
    }
    truncateSync(path, expect.bytes);
    const hash = createHash('sha256');
    hash.update(readFileSync(path));
    const digest = hash.copy().digest('hex');
    if (digest !== expect.sha256)
      throw new StakemeshFailure('MANIFEST_MISMATCH', `${path} has sha256 ${digest}, the manifest ${expect.sha256}`);
    return new CommandLogWriter(open(path, 'a'), hash, expect.bytes, expect.lines);
  }

  write(cmd: object): void {
    const line = `${JSON.stringify(cmd)}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    this.lines += 1;
    if (this.pendingChars >= flushChars) this.writePending();
  }

  private writePending(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.hash.update(chunk);
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.pending = [];
    this.pendingChars = 0;
  }

  /** Writes what is buffered and syncs it: after this the manifest may vouch for it. */
  flush(): void {
    this.writePending();
    fsyncSync(this.fd);
  }

  sha256(): string {
    return this.hash.copy().digest('hex');
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function open(path: string, flags: 'w' | 'a'): number {
  try {
    return openSync(path, flags);
  } catch (e) {
    throw new StakemeshFailure('WRITE_FAILED', `${path}: ${(e as Error).message}`);
  }
}
