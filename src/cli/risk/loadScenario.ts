import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { failedCommandsLine } from '../../risk/commandLogNetwork.js';
import { parseDocument, readNetworkSource } from '../../risk/readNetworkFile.js';
import { parseScenario } from '../../risk/scenario/parseScenario.js';
import type { Scenario } from '../../risk/scenario/scenario.js';
import { exitWithError } from '../fail.js';

/** Largest scenario file accepted (bytes). */
export const scenarioFileBytesMax = 64 * 1024 * 1024;

/** Reads a scenario file (YAML or JSON; `network:` may be a path relative to it), or exits with a one-line reason. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > scenarioFileBytesMax) exitWithError('TOO_LARGE', `${path} is ${size} bytes (at most ${scenarioFileBytesMax})`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    exitWithError('PARSE_ERROR', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const doc = parseDocument(text);
  if (!doc.ok) exitWithError(doc.error.code, `${path}: ${doc.error.message}`);
  const base = dirname(path);
  const sc = parseScenario(doc.value, (p) => readNetworkSource(isAbsolute(p) ? p : resolve(base, p)));
  if (!sc.ok) exitWithError(sc.error.code, `${path}: ${sc.error.message}`);
  const failed = sc.value.network.source ? failedCommandsLine('scenario network', sc.value.network.source) : null;
  if (failed) process.stderr.write(`${failed}\n`);
  return sc.value;
}
