import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { fail, ok, type Result } from '../../errors/result.js';
import { scanJsonArray } from './scanJsonArray.js';

/** Bounds on a command log file. */
export const logCharsMax = 512 * 1024 * 1024;
export const logCommandsMax = 10_000_000;
/**
 * Largest YAML document (command log, network or scenario file), in characters. YAML builds a
 * full syntax tree: about 1.5 s and 120 MB of memory per MB of log (measured on an 8 MB log), against
 * 0.1 s per MB for JSON, so YAML gets a much lower cap than JSON and JSON Lines (logCharsMax).
 */
export const yamlCharsMax = 8 * 1024 * 1024;
/** Most alias expansions in one YAML document: aliases may not multiply the input (alias bombs). */
export const yamlAliasesMax = 100;

export interface ParsedLog {
  readonly format: 'json' | 'jsonl' | 'yaml';
  readonly commands: readonly unknown[];
  /** 1-based line of each command in the source, where the format gives one. */
  readonly lines: readonly (number | null)[];
}

/** Parses a command log: a JSON array, JSON Lines, or a YAML list (SPEC §4). Pure. */
export function parseLog(textIn: string): Result<ParsedLog> {
  if (textIn.length > logCharsMax) return fail('TOO_LARGE', `log larger than ${logCharsMax} characters`);
  // A UTF-8 byte-order mark is accepted in every format (editors on Windows write one).
  const text = textIn.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return parseJsonArray(text);
  const nonEmpty = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (nonEmpty.length > 0 && nonEmpty.every((l) => l.trim().startsWith('{'))) return parseJsonLines(text);
  return parseYaml(text);
}

/**
 * A JSON array: the strict scanner gives the line and column of a syntax error and the line of
 * each command; JSON.parse then builds the values (numbers stay JSON numbers, as before).
 */
function parseJsonArray(text: string): Result<ParsedLog> {
  const scan = scanJsonArray(text);
  if (!scan.ok) return fail('PARSE_ERROR', `line ${scan.line}, column ${scan.column}: ${scan.message}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('PARSE_ERROR', (e as Error).message.split('\n')[0] ?? 'not JSON');
  }
  if (!Array.isArray(value) || value.length !== scan.lines.length) {
    return fail('PARSE_ERROR', 'a JSON command log is an array of commands');
  }
  return checked({ format: 'json', commands: value, lines: scan.lines });
}

function parseJsonLines(text: string): Result<ParsedLog> {
  const commands: unknown[] = [];
  const lines: number[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] ?? '').trim();
    if (row === '' || row.startsWith('#')) continue;
    try {
      commands.push(JSON.parse(row));
      lines.push(i + 1);
    } catch (e) {
      return fail('PARSE_ERROR', `line ${i + 1}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return checked({ format: 'jsonl', commands, lines });
}

function parseYaml(text: string): Result<ParsedLog> {
  if (text.length > yamlCharsMax) {
    return fail(
      'TOO_LARGE',
      `a YAML log is limited to ${yamlCharsMax} characters (JSON and JSON Lines to ${logCharsMax}); this one has ${text.length}: convert it to JSON Lines`,
    );
  }
  const lineCounter = new LineCounter();
  // The failsafe schema keeps every scalar a string, so `amount: 1000000000000000000000` stays exact.
  // logLevel 'error': YAML warnings would go to stderr as multi-line process warnings
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: true, logLevel: 'error' });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    return fail('PARSE_ERROR', `${pos ? `line ${pos.line}: ` : ''}${err.message.split('\n')[0]!.replace(/:\s*$/, '')}`);
  }
  if (!isSeq(doc.contents)) return fail('PARSE_ERROR', 'a YAML command log is a list of commands');
  const lines = doc.contents.items.map((item) => (isMap(item) && item.range ? lineCounter.linePos(item.range[0]).line : null));
  let commands: unknown[];
  try {
    // toJS resolves aliases: an undefined alias or too many expansions throw here
    commands = doc.toJS({ maxAliasCount: yamlAliasesMax }) as unknown[];
  } catch (e) {
    return fail('PARSE_ERROR', e instanceof Error ? e.message.split('\n')[0]!.replace(/:\s*$/, '') : 'bad YAML alias');
  }
  return checked({ format: 'yaml', commands, lines });
}

function checked(log: ParsedLog): Result<ParsedLog> {
  if (log.commands.length > logCommandsMax) return fail('TOO_LARGE', `more than ${logCommandsMax} commands`);
  for (let i = 0; i < log.commands.length; i++) {
    const c = log.commands[i];
    if (c === null || typeof c !== 'object' || Array.isArray(c) || typeof (c as { type?: unknown }).type !== 'string') {
      const line = log.lines[i];
      return fail('PARSE_ERROR', `${line ? `line ${line}` : `command ${i}`}: a command is an object with a string "type"`);
    }
  }
  return ok(log);
}
