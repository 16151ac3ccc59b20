import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { networkJson } from '../../src/risk/networkJson.js';

/** Debian's Chromium, installed by .ci/run; the suite skips cleanly where it is absent. */
const chromium = '/usr/bin/chromium';
const built = existsSync('dist/web/index.html');
const skip = !existsSync(chromium) ? `${chromium} not installed` : !built ? 'dashboard not built (npm run build)' : false;
/** Initial load budget (compressed bytes over the wire), issue 12. */
const initialLoadBytesMax = 500 * 1024;
const shots = join('out', 'screenshots');
const widths = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Server {
  url: string;
  child: ChildProcess;
}

/** Starts `stakemesh serve --demo` on a random loopback port and waits for its URL line. */
async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-web-'));
  const child = spawn(process.execPath, ['bin/stakemesh.js', 'serve', '--demo', '--port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { url, child };
}

async function api<T = Record<string, unknown>>(base: string, path: string): Promise<T> {
  const r = await fetch(base + path);
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as T;
}

/** Every `[data-figure]` shown on the page, name → exact value. */
async function figures(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-figure]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-figure') ?? '', e.getAttribute('data-value') ?? ''])));
}

describe('dashboard in headless Chromium', { skip }, () => {
  let server: Server;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const offLoopback: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await playwright.launch({
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  async function open(path: string, width = 1280, height = 800): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('console', (m) => void (m.type() === 'error' ? consoleErrors.push(`${path}: ${m.text()}`) : null));
    page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.protocol !== 'data:') offLoopback.push(r.url());
    });
    await page.goto(`${server.url}/${path}`);
    await page.waitForSelector('main h1');
    return page;
  }

  it('overview shows the API figures and stays within the page-weight budget', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let bytes = 0;
    page.on('requestfinished', async (r) => {
      const s = await r.sizes();
      bytes += s.responseBodySize + s.responseHeadersSize;
    });
    await page.goto(`${server.url}/#/overview`);
    await page.waitForSelector('[data-figure="secure"][data-value]:not([data-value=""])');
    await page.waitForLoadState('networkidle');
    assert.ok(bytes <= initialLoadBytesMax, `initial load ${bytes} bytes`);
    const risk = await api<{ network: Record<string, { value: unknown }> }>(server.url, '/v1/risk');
    const shown = await figures(page);
    for (const name of ['secure', 'slack', 'totalStake', 'totalPfc', 'stakeHhi', 'nakamoto']) {
      assert.equal(shown[name], String(risk.network[name]?.value ?? ''), name);
    }
    const head = await api<{ block: number; stateHash: string }>(server.url, '/v1/head');
    assert.equal(shown.stateHash, head.stateHash);
    await page.close();
  });
});
