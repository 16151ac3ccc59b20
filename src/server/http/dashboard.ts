// Serves the web dashboard (dist/web, built by Vite) at `/` (SPEC §12). The files are read and
// gzipped once at start; only names listed in the build folder can be served, so a request path
// never reaches the file system (no traversal, no symlinks followed at request time).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue } from '../../errors/catalogue.js';
import { sendError } from './httpError.js';

/** The dashboard build is small (≈ 700 kB); anything far larger is not ours. */
export const dashboardBytesMax = 8 * 1024 * 1024;

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** Hashed asset names never change content: cache them for a year. */
  readonly immutable: boolean;
}

/** Reads the build folder into memory: url path → asset. Empty when the dashboard is not built. */
export function loadDashboard(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, 'index.html'))) return assets;
  let total = 0;
  const add = (urlPath: string, file: string, immutable: boolean) => {
    const type = types[extname(file)];
    if (!type || !statSync(file).isFile()) return;
    const body = readFileSync(file);
    total += body.length;
    if (total > dashboardBytesMax) throw new Error(`dashboard build in ${dir} exceeds ${dashboardBytesMax} bytes`);
    assets.set(urlPath, { type, body, gzip: gzipSync(body, { level: 9 }), immutable });
  };
  add('/', join(dir, 'index.html'), false);
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir)) for (const name of readdirSync(assetDir)) add(`/assets/${name}`, join(assetDir, name), true);
  return assets;
}

function send(req: FastifyRequest, reply: FastifyReply, a: Asset): FastifyReply {
  const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  void reply
    .header('content-type', a.type)
    .header('cache-control', a.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding')
    // The dashboard talks only to this origin: no CDN, no remote fonts (SPEC §12).
    .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'")
    .header('content-encoding', gz ? 'gzip' : 'identity');
  return reply.send(gz ? a.gzip : a.body);
}

/** Registers GET / and GET /assets/<name>; answers 404 DASHBOARD_NOT_BUILT at / when there is no build (catalogue codes only). */
export function registerDashboard(app: FastifyInstance, dir: string): void {
  const assets = loadDashboard(dir);
  app.get('/', async (req, reply) => {
    const index = assets.get('/');
    if (!index) return sendError(reply, 404, 'DASHBOARD_NOT_BUILT', `${errorCatalogue.DASHBOARD_NOT_BUILT}: no build in ${dir}`);
    return send(req, reply, index);
  });
  app.get('/assets/:name', async (req, reply) => {
    const { name } = req.params as { name: string };
    const a = assets.get(`/assets/${name}`);
    if (!a) return sendError(reply, 404, 'NO_ROUTE', `${errorCatalogue.NO_ROUTE}: no asset ${name}`);
    return send(req, reply, a);
  });
}
