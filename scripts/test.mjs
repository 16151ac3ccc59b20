#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with node's own test runner.
// Optional arguments filter by path substring: `npm test -- math core/slash`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk('dist/test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const reporter = process.env.CI ? ['--test-reporter=spec'] : ['--test-reporter=spec'];
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...reporter, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
