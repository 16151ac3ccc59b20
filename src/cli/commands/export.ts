import type { Command } from 'commander';
import { closeSync, openSync, writeSync } from 'node:fs';
import { applyInPlace } from '../../core/apply.js';
import { createState } from '../../core/state/state.js';
import { stateHash } from '../../core/state/stateHash.js';
import { StakemeshFailure } from '../../errors/result.js';
import { parseEnvelope } from '../../server/envelope/parseEnvelope.js';
import { verifyEnvelope } from '../../server/envelope/verifyEnvelope.js';
import type { Head, LogEntry } from '../../server/service/serviceApi.js';
import { pageSizeMax } from '../../server/http/httpLimits.js';
import { entryHash, genesisHash } from '../../store/entryHash.js';
import { exitWithError } from '../fail.js';
import { baseUrl, requestJson } from '../httpClient.js';

interface ExportFlags {
  url: string;
  out: string;
  envelopes?: boolean;
}

/** Checks one entry against its predecessor: seq, prevHash, hash of the envelope's JCS, signature. */
function verifyEntry(e: LogEntry, prevSeq: number, prevHash: string, chainId: number): void {
  const corrupt = (why: string): never => {
    throw new StakemeshFailure('LOG_CORRUPT', `seq ${e.seq}: ${why}`);
  };
  if (e.seq !== prevSeq + 1) corrupt(`expected seq ${prevSeq + 1}`);
  if (e.prevHash !== prevHash) corrupt('prevHash is not the previous entry’s hash');
  const parsed = parseEnvelope(e.envelope);
  if (!parsed.ok) return corrupt(`envelope: ${parsed.message}`);
  if (entryHash(prevHash, parsed.value.jcs) !== e.hash) corrupt('hash is not SHA-256(prevHash ‖ JCS(envelope))');
  if (!verifyEnvelope(parsed.value, chainId)) corrupt(`signature of ${e.envelope.account} does not verify`);
}

/**
 * Downloads the log up to the head read at the start, verifies every entry and replays it; the
 * replayed state hash must equal the head's. Writes JSON Lines: the bare commands (what
 * `stakemesh run` reads) or, with --envelopes, the whole entries.
 */
async function exportLog(flags: ExportFlags): Promise<void> {
  const url = baseUrl(flags.url);
  const head = (await requestJson(`${url}/v1/head`)) as Head;
  let fd: number;
  try {
    fd = openSync(flags.out, 'w');
  } catch (e) {
    throw new StakemeshFailure('WRITE_FAILED', `${flags.out}: ${(e as NodeJS.ErrnoException).code ?? 'unwritable'}`);
  }
  const state = createState();
  let seq = 0;
  let hash = genesisHash;
  try {
    while (seq < head.seq) {
      const page = (await requestJson(`${url}/v1/log?after=${seq}&limit=${Math.min(pageSizeMax, head.seq - seq)}`)) as {
        entries: LogEntry[];
      };
      if (page.entries.length === 0) throw new StakemeshFailure('LOG_CORRUPT', `the log ends at seq ${seq}, the head says ${head.seq}`);
      const lines: string[] = [];
      for (const e of page.entries) {
        verifyEntry(e, seq, hash, head.chainId);
        const outcome = applyInPlace(state, e.envelope.command);
        if (!outcome.ok) throw new StakemeshFailure('LOG_CORRUPT', `seq ${e.seq}: the ledger refuses it (${outcome.error.code})`);
        lines.push(JSON.stringify(flags.envelopes ? e : e.envelope.command));
        seq = e.seq;
        hash = e.hash;
      }
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  if (hash !== head.logHash) throw new StakemeshFailure('LOG_CORRUPT', `log hash ${hash} is not the head's ${head.logHash}`);
  const replayed = stateHash(state);
  if (replayed !== head.stateHash)
    throw new StakemeshFailure('LOG_CORRUPT', `replayed state hash ${replayed} is not the head's ${head.stateHash}`);
  process.stdout.write(
    `exported ${seq} commands to ${flags.out}: signatures and hash chain verified, log hash ${hash}, state hash ${replayed} (= head)\n`,
  );
}

/** `stakemesh export --url <url> --out log.jsonl`: an audited copy of a server's log that `stakemesh run` replays. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('download a server’s log, verify every signature, the hash chain and the state hash, and write JSON Lines')
    .requiredOption('--url <url>', 'the server, e.g. http://127.0.0.1:8787')
    .requiredOption('--out <file>', 'output file (JSON Lines)')
    .option('--envelopes', 'write whole entries { seq, block, envelope, prevHash, hash } instead of the bare commands `run` reads')
    .action(async (flags: ExportFlags) => {
      try {
        await exportLog(flags);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
    });
}
