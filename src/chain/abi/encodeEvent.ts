import { encodeAbiParameters, encodeEventTopics, type Hex } from 'viem';
import { StakemeshFailure } from '../../errors/result.js';
import { eventCatalogue } from './eventCatalogue.js';

/**
 * ABI-encodes an event as the contract would emit it (topics and data), with the real EigenLayer
 * ABIs: the inverse of decoding. Used to serve scripted chain histories and to re-encode decoded
 * snapshots as raw logs.
 */
export function encodeEvent(event: string, args: Readonly<Record<string, unknown>>): { topics: Hex[]; data: Hex } {
  const known = eventCatalogue.get(event);
  if (!known) throw new StakemeshFailure('BAD_LOG', `unknown event ${event}`);
  const inputs = known.abi.inputs;
  const indexedArgs = Object.fromEntries(inputs.filter((i) => i.indexed).map((i) => [i.name, args[i.name ?? '']]));
  const topics = encodeEventTopics({ abi: [known.abi], eventName: event, args: indexedArgs } as never) as Hex[];
  const body = inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(body, body.map((i) => args[i.name ?? '']) as never);
  return { topics, data };
}
