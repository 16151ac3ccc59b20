import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium as playwright } from 'playwright-core';
import { generateScenario } from '../../src/risk/scenario/generateScenario.js';

/** Debian's Chromium, installed by .ci/run; the test skips cleanly where it is absent. */
const chromium = '/usr/bin/chromium';

test(
  'report HTML opens in headless Chromium and shows its charts',
  { skip: existsSync(chromium) ? false : `${chromium} not installed` },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-shot-'));
    const scenario = join(dir, 'scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        ...generateScenario({ operators: 30, services: 5, seed: 1 }),
        optimize: { candidates: 20, scenarios: 200, maxPerOperator: 0.5, maxPerService: 0.6 },
        // the example's levels and thresholds: loss tables of 14 columns, wider than the page
        simulation: { levels: [0.95, 0.99, 0.999], lossThresholds: [0.001, 0.01, 0.05] },
      }),
    );
    const html = join(dir, 'report.html');
    const r = spawnSync(
      process.execPath,
      ['bin/stakemesh.js', 'report', scenario, '--scenarios', '2000', '--security-node-limit', '200', '--html', html],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const browser = await playwright.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (req) => void (req.url().startsWith('file:') ? null : requests.push(req.url())));
      await page.goto(pathToFileURL(html).href);
      // every chart is an inline SVG that lays out with a real size and draws marks
      const charts = await page.$$eval('svg', (svgs) =>
        svgs.map((s) => ({
          w: s.getBoundingClientRect().width,
          h: s.getBoundingClientRect().height,
          marks: s.querySelectorAll('rect, path, circle, line, polyline').length,
        })),
      );
      assert.ok(charts.length >= 4, `${charts.length} charts`);
      for (const c of charts) assert.ok(c.w > 100 && c.h > 30 && c.marks > 0, JSON.stringify(c));
      assert.ok(charts.filter((c) => c.marks >= 10).length >= 3, `charts with data: ${JSON.stringify(charts)}`);
      assert.deepEqual(requests, [], 'the report is self-contained (no network requests)');
      // written for a reader at 1280 px: wide tables scroll inside their box, the page never does
      // (a string: the test build has no DOM types)
      const layout = (await page.evaluate(`({
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        tablesInScrollBoxes: [...document.querySelectorAll('table')].every(
          (t) => getComputedStyle(t.parentElement).overflowX === 'auto' && t.parentElement.clientWidth <= window.innerWidth,
        ),
        headings: [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent ?? ''),
        scenario: document.querySelector('code')?.textContent ?? '',
        slack: [...document.querySelectorAll('span.exact')].map((e) => [e.textContent, e.getAttribute('title')]),
      })`)) as {
        pageWidth: number;
        viewport: number;
        tablesInScrollBoxes: boolean;
        headings: string[];
        scenario: string;
        slack: [string | null, string | null][];
      };
      assert.ok(layout.pageWidth <= layout.viewport, `page ${layout.pageWidth} px wide at ${layout.viewport} px`);
      assert.ok(layout.tablesInScrollBoxes, 'every table sits in a box that scrolls sideways when the table is wider');
      assert.deepEqual(
        layout.headings.filter((h) => /SPEC/.test(h)),
        [],
      );
      assert.ok(!layout.scenario.startsWith('/') && layout.scenario.endsWith('scenario.json'), layout.scenario);
      assert.ok(layout.slack.length >= 1, 'γ* is a short decimal with the exact value on hover');
      for (const [shown, title] of layout.slack) {
        assert.match(shown ?? '', /^-?[0-9]+\.[0-9]{1,8}$/);
        assert.match(title ?? '', /^exact: -?[0-9]+(\/[0-9]+|\.[0-9]+)$/);
      }
      const png = join(dir, 'report.png');
      await page.screenshot({ path: png, fullPage: true });
      assert.ok(statSync(png).size > 20_000, 'a non-trivial screenshot');
      assert.equal(readFileSync(png).subarray(1, 4).toString(), 'PNG');
    } finally {
      await browser.close();
    }
  },
);
