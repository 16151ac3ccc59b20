import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { fail, ok, type Result } from '../errors/result.js';
import { commandLogNetwork } from './commandLogNetwork.js';
import type { Network } from './network.js';
import { networkFileBytesMax } from './networkBounds.js';
import { parseNetwork } from './parseNetwork.js';

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
  try {
    return ok(parseYaml(text, { maxAliasCount: 100 }) as unknown);
  } catch (e) {
    return fail('PARSE_ERROR', e instanceof Error ? e.message.split('\n')[0] : 'not JSON, JSON Lines or YAML');
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

/** Reads a network file or command log from disk (the only I/O of the risk input path). */
export function readNetworkFile(path: string): Result<Network> {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > networkFileBytesMax) return fail('TOO_LARGE', `${path} is ${size} bytes (at most ${networkFileBytesMax})`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail('PARSE_ERROR', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return networkFromText(text);
}
