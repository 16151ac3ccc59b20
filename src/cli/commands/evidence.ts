import type { Command } from 'commander';
import { quorumSignPiece, signPiece, type Signer } from '../../core/conditions/buildEvidence.js';
import {
  doubleSignCodec,
  livenessCodec,
  oracleReferenceCodec,
  oracleReportCodec,
  readMessage,
  type MessageCodec,
} from '../../core/conditions/encoding.js';
import { asObject, type Json } from '../../core/conditions/evidenceFields.js';
import { parseScheme, secretKeyField } from '../../core/conditions/signatures.js';
import { errorDetail, StakemeshFailure } from '../../errors/result.js';
import { readInputFile } from '../../risk/readInputFile.js';
import { exitWithError } from '../fail.js';
import { writeStdout } from '../output.js';

/** Most characters read from a JSON argument or file. */
const jsonArgCharsMax = 1_048_576;

const codecs: Record<string, MessageCodec<unknown>> = {
  doubleSign: doubleSignCodec as MessageCodec<unknown>,
  liveness: livenessCodec as MessageCodec<unknown>,
  oracleReport: oracleReportCodec as MessageCodec<unknown>,
  oracleReference: oracleReferenceCodec as MessageCodec<unknown>,
};
const quorumTypes = new Set(['liveness', 'oracleReference']);

/** JSON given inline or as @file / a path to a .json file. */
function readJson(arg: string, what: string): unknown {
  let text = arg;
  if (arg.startsWith('@') || arg.endsWith('.json')) {
    const path = arg.replace(/^@/, '');
    const read = readInputFile(path, { bytesMax: jsonArgCharsMax, what });
    if (!read.ok) throw new StakemeshFailure(read.error.code, `${path}: ${errorDetail(read.error)}`);
    text = read.value;
  }
  if (text.length > jsonArgCharsMax) throw new StakemeshFailure('TOO_LARGE', `${what} longer than ${jsonArgCharsMax} characters`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StakemeshFailure('PARSE_ERROR', `${what} is not JSON`);
  }
}

/** `scheme:secretHex`, or a key file written by `keys generate --json`. */
export function readSigner(arg: string): Signer {
  const m = /^(ed25519|secp256k1):((?:0x)?[0-9a-fA-F]+)$/.exec(arg);
  const o = m
    ? { scheme: m[1], secretKey: m[2] }
    : asObject(readJson(arg.startsWith('@') ? arg : `@${arg}`, 'key file'), 'key file', 'BAD_FIELD');
  const scheme = parseScheme(o.scheme);
  return { scheme, secretKey: secretKeyField(scheme, o.secretKey) };
}

function guard(f: () => unknown): void {
  try {
    writeStdout(`${JSON.stringify(f(), null, 2)}\n`);
  } catch (e) {
    if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
    throw e;
  }
}

export function signEvidencePiece(type: string, messageJson: unknown, signers: readonly Signer[], encoded: boolean): Json {
  const codec = codecs[type];
  if (!codec) throw new StakemeshFailure('BAD_FIELD', `--type must be one of ${Object.keys(codecs).join(', ')}`);
  const { message } = readMessage(codec, asObject(messageJson, 'message'));
  if (quorumTypes.has(type)) return quorumSignPiece(codec, message, signers, encoded);
  if (signers.length !== 1) throw new StakemeshFailure('BAD_FIELD', `${type} is signed by exactly one --key`);
  return signPiece(codec, message, signers[0] as Signer, encoded);
}

/** Evidence JSON for `submitEvidence` from signed pieces (output of `evidence sign`). */
export function buildEvidence(kind: string, pieces: readonly unknown[]): Json {
  const n = { doubleSign: 2, liveness: 1, oracleDeviation: 2 }[kind];
  if (n === undefined) throw new StakemeshFailure('BAD_FIELD', 'kind must be doubleSign, liveness or oracleDeviation');
  if (pieces.length !== n) throw new StakemeshFailure('BAD_FIELD', `${kind} evidence takes ${n} signed piece(s)`);
  if (kind === 'doubleSign') return { messages: pieces };
  if (kind === 'oracleDeviation') return { report: pieces[0], reference: pieces[1] };
  const { signatures, ...attestation } = asObject(pieces[0], 'attestation', 'BAD_FIELD');
  return { attestation, signatures };
}

/** `stakemesh evidence sign | build`: produce evidence files for demos and tests (docs/conditions.md). */
export function registerEvidence(program: Command): void {
  const ev = program.command('evidence').description('sign canonical messages and build slashing evidence (SPEC §3.5)');
  ev.command('sign')
    .description('sign one canonical message; prints { ...fields, signature } or { ...fields, signatures: [...] }')
    .requiredOption('--type <type>', 'doubleSign | liveness | oracleReport | oracleReference')
    .requiredOption('--message <json>', 'message fields as JSON, @file or file.json')
    .requiredOption('--key <key...>', 'scheme:secretHex or a key file from `keys generate --json` (several for quorum types)')
    .option('--encoded', 'print the canonical message hex instead of its fields')
    .action((o: { type: string; message: string; key: string[]; encoded?: boolean }) =>
      guard(() => signEvidencePiece(o.type, readJson(o.message, '--message'), o.key.map(readSigner), o.encoded === true)),
    );
  ev.command('build')
    .description(
      'combine signed pieces into evidence (doubleSign: 2 messages; liveness: 1 attestation; oracleDeviation: report, reference)',
    )
    .requiredOption('--kind <kind>', 'doubleSign | liveness | oracleDeviation')
    .argument('<pieces...>', 'signed pieces (JSON, @file or file.json)')
    .option('--set <set>', 'wrap as a submitEvidence command for this set')
    .option('--condition <id>', 'condition id (with --set)')
    .option('--operator <id>', 'accused operator (with --set)')
    .action((pieces: string[], o: { kind: string; set?: string; condition?: string; operator?: string }) =>
      guard(() => {
        const evidence = buildEvidence(
          o.kind,
          pieces.map((p, i) => readJson(p, `piece ${i + 1}`)),
        );
        if (o.set === undefined) return evidence;
        return { type: 'submitEvidence', set: o.set, condition: o.condition, operator: o.operator, evidence };
      }),
    );
}
