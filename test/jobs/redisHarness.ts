import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** A free loopback port (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export const randomPrefix = (): string => `smjobs-test-${randomBytes(4).toString('hex')}`;

function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} (${text.slice(-300)})`)), ms);
    child[stream]?.on('data', (d: Buffer) => {
      text += d.toString();
      if (pattern.test(text)) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`exited (${code}) before ${pattern}: ${text.slice(-300)}`));
    });
  });
}

/** Our own redis-server on a loopback port, no persistence (a restart loses everything, the worst case). */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitFor(child, 'stdout', /Ready to accept connections/, 10_000);
  return child;
}

/** A `stakemesh worker` process. */
export async function startWorker(queueUrl: string, lockMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/stakemesh.js', 'worker', '--queue', queueUrl, '--lock-duration', String(lockMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // generous: a worker's start (module loading, the Redis check) takes tens of seconds on a saturated machine
  await waitFor(child, 'stderr', /stakemesh worker: ready/, 90_000);
  return child;
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
