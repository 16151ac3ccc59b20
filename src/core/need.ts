import type { ErrorCode } from '../errors/catalogue.js';
import { StakemeshFailure } from '../errors/result.js';

/**
 * Precondition check inside a command's checking phase: throws a user error that `apply`
 * turns into a returned failure. Commands call it only before their first mutation.
 */
export function need<T>(value: T | undefined | null | false, code: ErrorCode, detail?: string): T {
  if (value === undefined || value === null || value === false) throw new StakemeshFailure(code, detail);
  return value;
}

export function check(condition: boolean, code: ErrorCode, detail?: string): void {
  if (!condition) throw new StakemeshFailure(code, detail);
}
