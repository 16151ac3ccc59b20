import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, parseDocument } from 'yaml';
import { StakemeshFailure } from '../../errors/result.js';
import { loadKeyFile } from '../../server/envelope/signerKey.js';
import { signEnvelope } from '../../server/envelope/signEnvelope.js';
import type { Envelope, Head } from '../../server/service/serviceApi.js';
import { batchSizeMax, bodyBytesMax } from '../../server/http/httpLimits.js';
import { exitWithError } from '../fail.js';
import { baseUrl, requestJson } from '../httpClient.js';

type RawCommand = Envelope['command'];

/** One command or a list: JSON (numbers stay numbers) or YAML (failsafe: scalars stay exact strings). */
export function readCommands(path: string): RawCommand[] {
  let text: string;
  try {
    if (statSync(path).size > bodyBytesMax) throw new StakemeshFailure('TOO_LARGE', `${path} is larger than ${bodyBytesMax} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof StakemeshFailure) throw e;
    throw new StakemeshFailure('PARSE_ERROR', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let value: unknown;
  if (/^\s*[[{]/.test(text)) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new StakemeshFailure('PARSE_ERROR', `${path}: ${(e as Error).message.split('\n')[0]}`);
    }
  } else {
    const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true });
    if (doc.errors[0]) throw new StakemeshFailure('PARSE_ERROR', `${path}: ${doc.errors[0].message.split('\n')[0]}`);
    if (!isMap(doc.contents) && !isSeq(doc.contents)) throw new StakemeshFailure('PARSE_ERROR', `${path}: a command or a list of commands`);
    value = doc.toJS();
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > batchSizeMax) throw new StakemeshFailure('TOO_LARGE', `1 to ${batchSizeMax} commands per submit`);
  for (const c of list) {
    if (c === null || typeof c !== 'object' || Array.isArray(c) || typeof (c as { type?: unknown }).type !== 'string') {
      throw new StakemeshFailure('BAD_FIELD', `${path}: each command is an object with a string "type"`);
    }
  }
  return list as RawCommand[];
}

async function submit(file: string, opts: { key: string; url: string }): Promise<void> {
  const key = loadKeyFile(opts.key);
  const url = baseUrl(opts.url);
  const commands = readCommands(file);
  const head = (await requestJson(`${url}/v1/head`)) as Head;
  const account = (await requestJson(`${url}/v1/accounts/${encodeURIComponent(key.account)}`)) as { nextNonce: string };
  const first = BigInt(account.nextNonce);
  const envelopes = commands.map((command, i) => signEnvelope({ key, chainId: head.chainId, nonce: first + BigInt(i), command }));
  const receipt = await requestJson(`${url}/v1/commands`, { method: 'POST', body: envelopes.length === 1 ? envelopes[0] : envelopes });
  process.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
}

/** `stakemesh submit --key <file> --url <url> <commands>`: sign with the next nonce and post (docs/server.md). */
export function registerSubmit(program: Command): void {
  program
    .command('submit')
    .description('sign a command (or a list, sent as one all-or-nothing batch) with the next nonce and post it to a server')
    .argument('<commands>', 'a command or a list of commands, JSON or YAML')
    .requiredOption('--key <file>', 'key file of `stakemesh keys generate --json` (ed25519 or secp256k1)')
    .requiredOption('--url <url>', 'the server, e.g. http://127.0.0.1:8787')
    .action(async (file: string, opts: { key: string; url: string }) => {
      try {
        await submit(file, opts);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
    });
}
