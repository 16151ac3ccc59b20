#!/usr/bin/env node
// One-off helper for moving modules: `node scripts/relayout.mjs map.json [--move]`.
// map.json maps old repo-relative .ts paths to new ones. With --move it `git mv`s them; always it
// rewrites every relative import in src/, test/, bench/ so it points at the file's new place.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(new URL('..', import.meta.url).pathname);
const map = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const move = process.argv.includes('--move');
const oldToNew = new Map(Object.entries(map).map(([o, n]) => [join(root, o), join(root, n)]));
const newToOld = new Map([...oldToNew].map(([o, n]) => [n, o]));
if (move) {
  for (const [o, n] of oldToNew) {
    if (!existsSync(o)) continue;
    execFileSync('mkdir', ['-p', dirname(n)]);
    execFileSync('git', ['mv', o, n], { cwd: root });
  }
}
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f === 'dist') return [];
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx|mts)$/.test(p) ? [p] : [];
  });
}
let changed = 0;
for (const file of ['src', 'test', 'bench', 'web'].flatMap((d) => walk(join(root, d)))) {
  const oldFile = newToOld.get(file) ?? file;
  const text = readFileSync(file, 'utf8');
  const out = text.replace(/((?:from|import)\s*\(?\s*')(\.{1,2}\/[^']+)(')/g, (all, pre, spec, post) => {
    // Already pointing at an existing module from here: nothing to do (the script is idempotent).
    if (existsSync(resolve(dirname(file), spec).replace(/\.js$/, '.ts'))) return all;
    const target = resolve(dirname(oldFile), spec).replace(/\.js$/, '.ts');
    const mapped = oldToNew.get(target) ?? target;
    if (mapped === target && oldFile === file) return all;
    let rel = relative(dirname(file), mapped).replace(/\.ts$/, '.js');
    if (!rel.startsWith('.')) rel = './' + rel;
    return pre + rel + post;
  });
  if (out !== text) {
    writeFileSync(file, out);
    changed++;
  }
}
console.log(`relayout: ${changed} file(s) rewritten`);
