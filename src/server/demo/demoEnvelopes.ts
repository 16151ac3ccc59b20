// `stakemesh serve --demo`: turns a trusted example command log (names such as "alice" or
// "EigenDA") into envelopes signed by the party each command needs (SPEC §9 table), so a newcomer
// gets a populated service whose log verifies like any other. Every party gets a deterministic
// demo key, sha256("stakemesh/demo/v1/" + name) — demo keys are public knowledge, never real ones.
import { createHash } from 'node:crypto';
import { signEnvelope } from '../envelope/signEnvelope.js';
import { signerKeyOf, type SignerKey } from '../envelope/signerKey.js';
import { commandRules } from '../service/commandRules.js';
import { ownedCreations } from '../service/owners.js';
import type { Account, Envelope } from '../service/serviceApi.js';

type Command = Envelope['command'];

export interface DemoLoad {
  /** The demo's admin (signs configure, assets, prices, vaults and permissionless commands). */
  readonly admin: SignerKey;
  readonly envelopes: readonly Envelope[];
  /** Party name → its demo account (stakers, holders and resolvers are ids equal to accounts). */
  readonly accounts: ReadonlyMap<string, Account>;
}

/** Fields whose value names an account (the signer, or who may act later) rather than an entity. */
const accountFields: Readonly<Record<string, readonly string[]>> = {
  transferLrtTokens: ['from', 'to'],
  createOperatorSet: ['slasher', 'resolver'],
  setResolver: ['resolver'],
  slash: ['caller'],
  vetoSlash: ['caller'],
};

export function demoKey(name: string): SignerKey {
  return signerKeyOf('ed25519', createHash('sha256').update(`stakemesh/demo/v1/${name}`).digest('hex'));
}

/** Signs `commands` in order, each by its party, with consecutive nonces per account. */
export function demoEnvelopes(commands: readonly Command[], chainId: number): DemoLoad {
  const keys = new Map<string, SignerKey>();
  const key = (name: string) => {
    let k = keys.get(name);
    if (!k) keys.set(name, (k = demoKey(name)));
    return k;
  };
  const admin = key('admin');
  const services = new Set<string>();
  const setService = new Map<string, string>();
  const setSlasher = new Map<string, string>();
  const nonces = new Map<Account, number>();
  const envelopes: Envelope[] = [];
  for (const original of commands) {
    const c = rewriteAccounts(original, services, key);
    if (c.type === 'createService') services.add(String(c['service']));
    if (c.type === 'createOperatorSet') {
      setService.set(String(c['set']), String(c['service']));
      if (typeof original['slasher'] === 'string') setSlasher.set(String(c['set']), original['slasher']);
    }
    const signer = signerOf(original, { admin, key, setService, setSlasher, services });
    const nonce = (nonces.get(signer.account) ?? 0) + 1;
    nonces.set(signer.account, nonce);
    envelopes.push(signEnvelope({ key: signer, chainId, nonce, command: c }));
  }
  return { admin, envelopes, accounts: new Map([...keys].map(([n, k]) => [n, k.account])) };
}

/** Account-valued fields become the party's demo account; a service id (the default slasher) stays. */
function rewriteAccounts(c: Command, services: ReadonlySet<string>, key: (n: string) => SignerKey): Command {
  const rule = commandRules[c.type];
  const fields = [...(accountFields[c.type] ?? [])];
  if (rule?.role === 'self') fields.push(rule.field);
  if (rule?.role === 'claimant' && c['staker'] !== undefined) fields.push('staker');
  const out: Record<string, unknown> = { ...c };
  for (const f of fields) {
    const v = c[f];
    if (typeof v === 'string' && !services.has(v)) out[f] = key(v).account;
  }
  return out as Command;
}

interface SignerContext {
  readonly admin: SignerKey;
  readonly key: (name: string) => SignerKey;
  readonly setService: ReadonlyMap<string, string>;
  readonly setSlasher: ReadonlyMap<string, string>;
  readonly services: ReadonlySet<string>;
}

/** The party the authorization table asks for (names from the original, un-rewritten command). */
function signerOf(c: Command, ctx: SignerContext): SignerKey {
  const rule = commandRules[c.type];
  const s = (f: string) => (typeof c[f] === 'string' ? (c[f] as string) : '');
  switch (rule?.role) {
    case 'creator':
      return ctx.key(s(ownedCreations[c.type]?.field ?? ''));
    case 'operatorOwner':
      return ctx.key(s(rule.field));
    case 'serviceOwner':
      return ctx.key(rule.via === 'service' ? s('service') : (ctx.setService.get(s('set')) ?? ''));
    case 'slasher': {
      const named = ctx.setSlasher.get(s('set'));
      return ctx.key(named !== undefined && !ctx.services.has(named) ? named : (ctx.setService.get(s('set')) ?? ''));
    }
    case 'resolver':
      return s('caller') !== '' ? ctx.key(s('caller')) : ctx.admin;
    case 'self':
      return ctx.key(s(rule.field));
    case 'claimant':
      return ctx.key(c['staker'] !== undefined ? s('staker') : s('operator'));
    default:
      return ctx.admin;
  }
}
