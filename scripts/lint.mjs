// `npm run lint`: type-check (strict) plus the project's layout rules:
//  - relative imports end in `.js` (Node ESM);
//  - dependencies point one way (SPEC §2): math → core → risk → cli/server/store;
//  - no barrel files except the package entry point src/index.ts.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const layers = ['math', 'errors', 'core', 'risk', 'store', 'cli', 'server'];
const rank = { math: 0, errors: 0, core: 1, risk: 2, store: 3, cli: 4, server: 4 };
const problems = [];

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

for (const file of walk(join(root, 'src'))) {
  const rel = relative(join(root, 'src'), file);
  const layer = rel.split('/')[0];
  if (rel.endsWith('/index.ts')) problems.push(`${rel}: barrel file (only src/index.ts may re-export)`);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
    const spec = m[1];
    if (!spec.endsWith('.js')) problems.push(`${rel}: relative import ${spec} must end in .js`);
    const target = relative(join(root, 'src'), join(file, '..', spec)).split('/')[0];
    if (layers.includes(layer) && layers.includes(target) && rank[target] > rank[layer]) {
      problems.push(`${rel}: ${layer}/ must not import ${target}/ (SPEC §2)`);
    }
  }
}

try {
  execSync('npx tsc -p tsconfig.json --noEmit', { cwd: root, stdio: 'inherit' });
} catch {
  problems.push('tsc --noEmit reported type errors');
}
for (const p of problems) console.error(p);
console.log(problems.length === 0 ? 'lint: ok' : `lint: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
