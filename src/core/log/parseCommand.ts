import { StakemeshFailure } from '../../errors/result.js';
import type { CommandSpec } from './commandSpec.js';
import type { Raw } from './fields.js';

/**
 * Runs a command's parser and refuses every field it never read: a typo such as
 * `allocationMod: elastic` would otherwise be ignored and the default silently used. The parser
 * reads `raw` through a proxy that records each field it asks for (`raw[f]`, `f in raw`), so the
 * parser itself is the list of known fields; `type` belongs to the dispatcher. A parser that
 * enumerates the fields (Object.keys, spread) takes them all on itself and nothing is refused.
 * Parsers must therefore read each optional field whatever the others hold.
 */
export function parseCommand<C>(spec: CommandSpec<C>, raw: Raw): C {
  const read = new Set<string | symbol>(['type']);
  let enumerated = false;
  const recording = new Proxy(raw, {
    get(target, key, receiver) {
      read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  const command = spec.parse(recording);
  const unknown = enumerated ? [] : Object.keys(raw).filter((k) => !read.has(k));
  if (unknown.length > 0) {
    const names = unknown.map((k) => JSON.stringify(k.slice(0, 60))).join(', ');
    throw new StakemeshFailure('BAD_FIELD', `unknown field${unknown.length > 1 ? 's' : ''} ${names} for ${spec.type}`);
  }
  return command;
}
