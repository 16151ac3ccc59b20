import { logCharsMax, parseLog, type ParsedLog } from '../core/log/parseLog.js';
import { readInputFile } from '../risk/readInputFile.js';
import { exitWithError } from './fail.js';

/** Reads and parses a command log file, or exits with a one-line reason. */
export function loadLog(path: string): ParsedLog {
  const text = readInputFile(path, { bytesMax: logCharsMax, what: 'command log' });
  if (!text.ok) exitWithError(text.error.code, `${path}: ${text.error.message}`);
  const parsed = parseLog(text.value);
  if (!parsed.ok) exitWithError(parsed.error.code, `${path}: ${parsed.error.message}`);
  return parsed.value;
}
