import { dirname, isAbsolute, resolve } from 'node:path';
import { failedCommandsLine } from '../../risk/commandLogNetwork.js';
import { parseDocument, readNetworkSource } from '../../risk/readNetworkFile.js';
import { readInputFile } from '../../risk/readInputFile.js';
import { parseScenario } from '../../risk/scenario/parseScenario.js';
import type { Scenario } from '../../risk/scenario/scenario.js';
import { exitWithError } from '../fail.js';

/** Largest scenario file accepted (bytes). */
export const scenarioFileBytesMax = 64 * 1024 * 1024;

/** Reads a scenario file (YAML or JSON; `network:` may be a path relative to it), or exits with a one-line reason. */
export function loadScenario(path: string): Scenario {
  const text = readInputFile(path, { bytesMax: scenarioFileBytesMax, what: 'scenario file' });
  if (!text.ok) exitWithError(text.error.code, `${path}: ${text.error.message}`);
  const doc = parseDocument(text.value);
  if (!doc.ok) exitWithError(doc.error.code, `${path}: ${doc.error.message}`);
  const base = dirname(path);
  const sc = parseScenario(doc.value, (p) => {
    const net = readNetworkSource(isAbsolute(p) ? p : resolve(base, p));
    // the scenario's network file is named, so that its own errors are not blamed on the scenario
    return net.ok ? net : { ok: false, error: { code: net.error.code, message: `network ${p}: ${net.error.message}` } };
  });
  if (!sc.ok) exitWithError(sc.error.code, `${path}: ${sc.error.message}`);
  const failed = sc.value.network.source ? failedCommandsLine('scenario network', sc.value.network.source) : null;
  if (failed) process.stderr.write(`${failed}\n`);
  return sc.value;
}
