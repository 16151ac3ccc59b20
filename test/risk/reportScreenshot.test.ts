import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { generateScenario } from '../../src/risk/scenario/generateScenario.js';

const chromium = '/usr/bin/chromium';

/** Optional: renders the HTML report in headless Chromium (no extra npm packages); skipped when Chromium is absent. */
test('report HTML renders in headless Chromium (screenshot)', { skip: existsSync(chromium) ? false : `${chromium} not installed` }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-shot-'));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      ...generateScenario({ operators: 30, services: 5, seed: 1 }),
      optimize: { candidates: 20, scenarios: 200, maxPerOperator: 0.5, maxPerService: 0.6 },
    }),
  );
  const html = join(dir, 'report.html');
  const r = spawnSync(process.execPath, ['bin/stakemesh.js', 'report', scenario, '--scenarios', '2000', '--no-security', '--html', html], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const png = join(dir, 'report.png');
  const shot = spawnSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${png}`, '--window-size=1200,3000', pathToFileURL(html).href],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(shot.status, 0, shot.stderr);
  assert.ok(statSync(png).size > 20_000, 'a non-trivial screenshot');
  assert.equal(readFileSync(png).subarray(1, 4).toString(), 'PNG');
});
