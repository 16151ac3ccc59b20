#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build`, which `npm install` runs (the
// `prepare` script), as do npm start/test/bench.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('stakemesh: not built yet (dist/ is missing): run `npm install` or `npm run build` first');
  process.exit(2);
}
await import(main);
