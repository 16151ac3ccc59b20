// `npm run bench -- serve`: `stakemesh serve` as a child process on loopback, 32 concurrent
// clients: signed writes (deposits, one account per client, envelopes signed before the clock
// starts) and reads of /v1/stakers/{id}; PGlite, and PostgreSQL when STAKEMESH_TEST_PG_URL is set
// (a fresh database next to it); SERVE_BACKENDS picks one. SOAK_S=600 adds a soak at half the
// target write rate with the server's RSS sampled throughout.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signEnvelope } from '../src/server/envelope/signEnvelope.js';
import { signerKeyOf, type SignerKey } from '../src/server/envelope/signerKey.js';
import type { Envelope } from '../src/server/service/serviceApi.js';
import type { BenchRow, BenchRun } from './types.js';

const bin = fileURLToPath(new URL('../../bin/stakemesh.js', import.meta.url));
const clients = 32;
const chainId = 31337;
const writeS = Number(process.env['WRITE_S'] ?? 6);
const readS = Number(process.env['READ_S'] ?? 4);
const soakS = Number(process.env['SOAK_S'] ?? 0);
/** SERVE_BACKENDS=pglite or =postgresql runs one (two processes can then soak both at once). */
const backends = (process.env['SERVE_BACKENDS'] ?? 'pglite,postgresql').split(',');
/** RSS samples taken during the soak. */
const soakSamples = 10;
const targets = { pglite: 300, postgresql: 1000 } as const;
const agent = new Agent({ keepAlive: true, maxSockets: clients * 2 });
const key = (name: string): SignerKey => signerKeyOf('ed25519', createHash('sha256').update(`bench:${name}`).digest('hex'));

function http(port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((res, rej) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (d: string) => (text += d));
        r.on('end', () => res({ status: r.statusCode ?? 0, text }));
      },
    );
    req.on('error', rej);
    req.end(body);
  });
}

async function serve(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      bin,
      'serve',
      '--port',
      '0',
      '--log-level',
      'warn',
      '--block-time',
      '0',
      '--rate-ip',
      '10000000',
      '--rate-account',
      '10000000',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) res(Number(m[1]));
    });
    child.on('exit', (c) => rej(new Error(`serve exited ${c}`)));
  });
  return { child, port };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** A signed envelope is safe to send again (same envelope → same receipt): retry a dropped connection. */
async function postRetrying(port: number, body: string): Promise<{ status: number; text: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await http(port, 'POST', '/v1/commands', body);
    } catch (e) {
      if (attempt >= 3) return { status: 0, text: String(e) };
    }
  }
}

/** Each client posts its own pre-signed envelopes in order until the time is up; `paceMs` spaces them. */
async function writeLoad(
  port: number,
  queues: Envelope[][],
  seconds: number,
  paceMs = 0,
): Promise<{ done: number; lat: number[]; failed: number }> {
  const lat: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    queues.map(async (q) => {
      for (const env of q) {
        if (performance.now() >= end) return;
        const t0 = performance.now();
        const r = await postRetrying(port, JSON.stringify(env));
        lat.push(performance.now() - t0);
        if (r.status !== 200) failed++;
        if (paceMs > 0) await new Promise((res) => setTimeout(res, Math.max(0, paceMs - (performance.now() - t0))));
      }
    }),
  );
  return { done: lat.length - failed, lat, failed };
}

function signQueues(writers: SignerKey[], perClient: number, firstNonce: number[]): Envelope[][] {
  return writers.map((w, i) =>
    Array.from({ length: perClient }, (_, n) =>
      signEnvelope({
        key: w,
        chainId,
        nonce: (firstNonce[i] ?? 1) + n,
        command: { type: 'deposit', staker: w.account, vault: 'v', amount: '1000' },
      }),
    ),
  );
}

async function benchBackend(name: 'pglite' | 'postgresql', storeArgs: string[]): Promise<BenchRow[]> {
  const admin = key('admin');
  const writers = Array.from({ length: clients }, (_, i) => key(`w${i}`));
  const { child, port } = await serve([...storeArgs, '--admin', admin.account]);
  try {
    for (const [n, command] of [
      [1, { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' }],
      [2, { type: 'createVault', vault: 'v', asset: 'stETH' }],
    ] as const)
      await http(port, 'POST', '/v1/commands', JSON.stringify(signEnvelope({ key: admin, chainId, nonce: n, command })));
    const perClient = Math.ceil((targets[name] * 3 * writeS) / clients) + 50;
    const w = await writeLoad(
      port,
      signQueues(
        writers,
        perClient,
        writers.map(() => 1),
      ),
      writeS,
    );
    const lat = [...w.lat].sort((a, b) => a - b);
    const rows: BenchRow[] = [
      {
        name: `serve writes, ${name}`,
        value: Math.round(w.done / writeS),
        unit: 'acknowledged cmds/s',
        target: `≥ ${targets[name].toLocaleString('en-US')}/s`,
        met: w.done / writeS >= targets[name],
        note: `32 clients, ${writeS} s, ${w.failed} refused`,
      },
      { name: `serve write latency p50, ${name}`, value: quantile(lat, 0.5), unit: 'ms' },
      {
        name: `serve write latency p99, ${name}`,
        value: quantile(lat, 0.99),
        unit: 'ms',
        target: '≤ 100 ms',
        met: quantile(lat, 0.99) <= 100,
      },
    ];
    const rlat: number[] = [];
    const rend = performance.now() + readS * 1000;
    await Promise.all(
      writers.map(async (_, i) => {
        for (let n = i; performance.now() < rend; n++) {
          const t0 = performance.now();
          const r = await http(port, 'GET', `/v1/stakers/${writers[n % clients]!.account}`).catch(() => ({ status: 0 }));
          if (r.status === 200) rlat.push(performance.now() - t0);
        }
      }),
    );
    rlat.sort((a, b) => a - b);
    rows.push({
      name: `serve reads /v1/stakers/{id}, ${name}`,
      value: Math.round(rlat.length / readS),
      unit: 'reads/s',
      target: '≥ 5,000/s',
      met: rlat.length / readS >= 5000,
      note: `p50 ${quantile(rlat, 0.5).toFixed(2)} ms, p99 ${quantile(rlat, 0.99).toFixed(2)} ms`,
    });
    if (soakS > 0) rows.push(await soak(name, port, child.pid ?? 0, writers));
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * Half the target write rate for soakS seconds after a warm-up of soakS/20; RSS of the server at the end of the
 * warm-up, every tenth of the soak, and at the end. One queue per client throughout, so a warm-up that falls behind
 * (a loaded machine) never leaves a nonce gap.
 */
async function soak(name: 'pglite' | 'postgresql', port: number, pid: number, writers: SignerKey[]): Promise<BenchRow> {
  const rate = targets[name] / 2;
  const paceMs = (clients / rate) * 1000;
  const nonces = await Promise.all(
    writers.map(async (w) => Number(JSON.parse((await http(port, 'GET', `/v1/accounts/${w.account}`)).text).nextNonce as string)),
  );
  const warmS = soakS / 20;
  const perClient = Math.ceil((rate * (soakS + warmS)) / clients) + 10;
  const queues = signQueues(writers, perClient, nonces);
  let before = 0;
  const samples: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const warmed = setTimeout(() => {
    before = rssMiB(pid);
    // flat memory shows as samples that stop rising after warm-up
    sampler = setInterval(() => samples.push(Math.round(rssMiB(pid))), (soakS * 1000) / soakSamples);
  }, warmS * 1000);
  const load = await writeLoad(port, queues, soakS + warmS, paceMs);
  clearTimeout(warmed);
  clearInterval(sampler);
  const after = rssMiB(pid);
  return {
    name: `serve soak RSS, ${name}`,
    value: Math.round(after),
    unit: 'MiB at end',
    note:
      `${Math.round(before)} MiB after a ${warmS} s warm-up → ${Math.round(after)} MiB after ${soakS} s more at a ${rate}/s target ` +
      `(${Math.round(load.done / (soakS + warmS))} acknowledged/s, ${load.done} commands, ${load.failed} refused); ` +
      `samples ${samples.join(', ')} MiB`,
  };
}

export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  if (backends.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-bench-'));
    try {
      rows.push(...(await benchBackend('pglite', ['--data-dir', dir])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!backends.includes('postgresql')) return rows;
  const base = process.env['STAKEMESH_TEST_PG_URL'];
  if (!base) {
    rows.push({ name: 'serve, postgresql', value: 0, unit: '', note: 'skipped: STAKEMESH_TEST_PG_URL is not set' });
    return rows;
  }
  const db = `${new URL(base).pathname.slice(1)}_bench${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(db)}`);
  const url = new URL(base);
  url.pathname = `/${db}`;
  try {
    rows.push(...(await benchBackend('postgresql', ['--database', url.toString()])));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(db)} WITH (FORCE)`);
    await admin.end();
  }
  return rows;
};
