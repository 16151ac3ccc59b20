import { readFileSync, statSync } from 'node:fs';
import { logCharsMax, parseLog, type ParsedLog } from '../core/log/parseLog.js';
import { exitWithError } from './fail.js';

/** Reads and parses a command log file, or exits with a one-line reason. */
export function loadLog(path: string): ParsedLog {
  let text: string;
  try {
    if (statSync(path).size > logCharsMax) exitWithError('TOO_LARGE', `${path} is larger than ${logCharsMax} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    exitWithError('PARSE_ERROR', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parsed = parseLog(text);
  if (!parsed.ok) exitWithError(parsed.error.code, `${path}: ${parsed.error.message}`);
  return parsed.value;
}
