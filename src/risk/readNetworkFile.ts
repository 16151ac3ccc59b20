import { parse as parseYaml } from 'yaml';
import { yamlAliasesMax, yamlCharsMax } from '../core/log/parseLog.js';
import type { LedgerState } from '../core/state/state.js';
import { fail, ok, type Result } from '../errors/result.js';
import { commandLogLedger, commandLogNetwork } from './commandLogNetwork.js';
import type { Network } from './network.js';
import { networkFileBytesMax } from './networkBounds.js';
import { parseNetwork } from './parseNetwork.js';
import { readInputFile } from './readInputFile.js';

/** The network view of a command log together with the ledger state it was read from. */
export interface LedgerNetwork {
  readonly network: Network;
  readonly ledger: LedgerState;
}

/** Parses file text as JSON, JSON Lines or YAML (in that order of attempts). */
export function parseDocument(textIn: string): Result<unknown> {
  const text = textIn.replace(/^\uFEFF/, '');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    /* not one JSON document */
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length > 1 && lines.every((l) => l.trim().startsWith('{'))) {
    try {
      return ok(lines.map((l) => JSON.parse(l) as unknown));
    } catch {
      /* fall through to YAML */
    }
  }
  if (text.length > yamlCharsMax) {
    return fail(
      'TOO_LARGE',
      `a YAML file is limited to ${yamlCharsMax} characters (JSON to ${networkFileBytesMax} bytes); this one has ${text.length}: convert it to JSON`,
    );
  }
  try {
    return ok(parseYaml(text, { maxAliasCount: yamlAliasesMax, logLevel: 'error' }) as unknown);
  } catch (e) {
    // the yaml library's message is one line ending "at line L, column C:" followed by a code frame
    return fail('PARSE_ERROR', e instanceof Error ? e.message.split('\n')[0]!.replace(/:\s*$/, '') : 'not JSON, JSON Lines or YAML');
  }
}

/** A command log is a list whose items are objects with a `type` (SPEC §4). */
export function isCommandLog(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((c) => typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string')
  );
}

/** Network view from document text: a network file (SPEC §5) or a command log (SPEC §4). */
export function networkFromText(text: string): Result<Network> {
  const doc = parseDocument(text);
  if (!doc.ok) return doc;
  if (isCommandLog(doc.value)) return commandLogNetwork(doc.value);
  return parseNetwork(doc.value);
}

/**
 * As networkFromText, but a command log also gives its ledger state (same rule as
 * commandLogNetwork: the state after the log, failing commands skipped), so that scenario
 * positions can be derived from it.
 */
export function networkSourceFromText(text: string): Result<Network | LedgerNetwork> {
  const doc = parseDocument(text);
  if (!doc.ok) return doc;
  if (!isCommandLog(doc.value)) return parseNetwork(doc.value);
  const { network, state } = commandLogLedger(doc.value);
  return ok({ network, ledger: state });
}

function readText(path: string): Result<string> {
  return readInputFile(path, { bytesMax: networkFileBytesMax, what: 'network file' });
}

/** Reads a network file or command log from disk (the only I/O of the risk input path). */
export function readNetworkFile(path: string): Result<Network> {
  const text = readText(path);
  return text.ok ? networkFromText(text.value) : text;
}

/** Reads a network file or a command log with its ledger state (scenario files: positions from the ledger). */
export function readNetworkSource(path: string): Result<Network | LedgerNetwork> {
  const text = readText(path);
  return text.ok ? networkSourceFromText(text.value) : text;
}
