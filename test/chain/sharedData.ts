import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: tests run from dist/test/chain/. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * ../shared/data/eigenlayer relative to the repository root (CI, and /work/main here); a git
 * worktree under wt/<name> finds it one level further up. STAKEMESH_SHARED overrides both.
 */
export function eigenlayerData(file: string): string {
  const found = findEigenlayerData(file);
  if (found === null) throw new Error(`shared data ${file} not found next to the repository (../shared/data/eigenlayer)`);
  return found;
}

/** The path of a shared data file, or null where no shared/ folder sits next to the repository. */
export function findEigenlayerData(file: string): string | null {
  const candidates = [process.env['STAKEMESH_SHARED'], resolve(repoRoot, '../shared'), resolve(repoRoot, '../../shared')];
  for (const c of candidates) {
    if (c && existsSync(resolve(c, 'data/eigenlayer', file))) return resolve(c, 'data/eigenlayer', file);
  }
  return null;
}
