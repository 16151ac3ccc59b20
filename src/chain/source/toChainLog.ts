import { decodeEventLog, type Hex } from 'viem';
import { StakemeshFailure } from '../../errors/result.js';
import { allEventsAbi, eventCatalogue } from '../abi/eventCatalogue.js';
import { normalizeArgs } from '../abi/normalizeArgs.js';
import type { ChainLog } from '../chainLog.js';

/** Event name given to a raw log whose topic no core-contract ABI knows (reported, never dropped). */
export const unknownEvent = '(unknown event)';

type Entry = Record<string, unknown>;

function int(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'bigint' && v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]{1,13}|\d{1,15})$/.test(v)) return Number(v);
  throw new StakemeshFailure('BAD_LOG', `${where}: non-negative integer expected`);
}

function hex(v: unknown, where: string): string {
  if (typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v)) return v.toLowerCase();
  throw new StakemeshFailure('BAD_LOG', `${where}: hex string expected`);
}

/** A log of the decoded format of ../shared/data/eigenlayer/README.md. */
function fromDecoded(e: Entry, where: string): ChainLog {
  const name = typeof e['event'] === 'string' ? e['event'] : '';
  const known = eventCatalogue.get(name);
  if (!known) throw new StakemeshFailure('BAD_LOG', `${where}: unknown event ${JSON.stringify(name.slice(0, 60))}`);
  const args = e['args'];
  if (args === null || typeof args !== 'object') throw new StakemeshFailure('BAD_LOG', `${where}: args expected`);
  return {
    block: int(e['block'], `${where}.block`),
    transactionIndex: int(e['transactionIndex'], `${where}.transactionIndex`),
    logIndex: int(e['logIndex'], `${where}.logIndex`),
    transactionHash: hex(e['transactionHash'], `${where}.transactionHash`),
    blockHash: e['blockHash'] === undefined ? null : hex(e['blockHash'], `${where}.blockHash`),
    address: hex(e['address'], `${where}.address`),
    event: name,
    args: normalizeArgs(known.abi.inputs, args as Entry, `${where} ${name}`),
  };
}

/** A raw log as eth_getLogs returns it (topics and data), decoded with the core contracts' ABIs. */
function fromRaw(e: Entry, where: string): ChainLog {
  const topics = e['topics'];
  if (!Array.isArray(topics) || topics.length === 0) throw new StakemeshFailure('BAD_LOG', `${where}: topics expected`);
  const position = {
    block: int(e['blockNumber'], `${where}.blockNumber`),
    transactionIndex: int(e['transactionIndex'], `${where}.transactionIndex`),
    logIndex: int(e['logIndex'], `${where}.logIndex`),
    transactionHash: hex(e['transactionHash'], `${where}.transactionHash`),
    blockHash: e['blockHash'] == null ? null : hex(e['blockHash'], `${where}.blockHash`),
    address: hex(e['address'], `${where}.address`),
  };
  let decoded: { eventName: string; args?: unknown };
  try {
    decoded = decodeEventLog({
      abi: allEventsAbi,
      topics: topics.map((t, i) => hex(t, `${where}.topics[${i}]`)) as [Hex],
      data: hex(e['data'] ?? '0x', `${where}.data`) as Hex,
    });
  } catch {
    return { ...position, event: unknownEvent, args: { topic0: hex(topics[0], `${where}.topics[0]`) } };
  }
  const known = eventCatalogue.get(decoded.eventName);
  if (!known) return { ...position, event: unknownEvent, args: { topic0: hex(topics[0], `${where}.topics[0]`) } };
  return {
    ...position,
    event: decoded.eventName,
    args: normalizeArgs(known.abi.inputs, (decoded.args ?? {}) as Entry, `${where} ${decoded.eventName}`),
  };
}

/** One snapshot or RPC log to a ChainLog: decoded entries carry `event`, raw ones `topics`. */
export function toChainLog(entry: unknown, where: string): ChainLog {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    throw new StakemeshFailure('BAD_LOG', `${where}: object expected`);
  const e = entry as Entry;
  return 'topics' in e ? fromRaw(e, where) : fromDecoded(e, where);
}
