import { resolverAt } from '../../core/slashing/resolverAt.js';
import type { LedgerState } from '../../core/state/state.js';
import { commandRules, type CommandRule } from './commandRules.js';
import type { Owners } from './owners.js';
import type { Account } from './serviceApi.js';

export interface AuthContext {
  readonly state: LedgerState;
  readonly owners: Owners;
  readonly admins: ReadonlySet<Account>;
  /** The server's own block-clock account: may sign `advance` only (anything on a chain mirror). */
  readonly serverAccount: Account;
  /** `serve --follow-rpc`: the server's account writes what the chain's events say, whoever they name. */
  readonly chainMirror?: boolean | undefined;
}

/**
 * `allow`, or `refuse` naming the role needed. When the entity a rule looks up does not exist,
 * the command is let through: the ledger then refuses it with its own code (UNKNOWN_…), so the
 * signer learns what is wrong. An entity that exists without a recorded owner is refused.
 */
export type AuthDecision = { readonly ok: true } | { readonly ok: false; readonly message: string };

const allow: AuthDecision = { ok: true };
const refuse = (message: string): AuthDecision => ({ ok: false, message });

/** Decides whether `account` may issue `command` (already parsed by the ledger, so its fields are valid). */
export function authorize(ctx: AuthContext, account: Account, command: Readonly<Record<string, unknown>>): AuthDecision {
  const type = String(command['type']);
  // On a chain mirror the events are the authority: their commands are signed by the server's key.
  if (ctx.chainMirror === true && account === ctx.serverAccount) return allow;
  const rule: CommandRule | undefined = commandRules[type];
  if (!rule) return refuse('has no signer rule');
  const str = (f: string): string => (typeof command[f] === 'string' ? (command[f] as string) : '');
  switch (rule.role) {
    case 'admin':
      if (ctx.admins.has(account) || (type === 'advance' && account === ctx.serverAccount)) return allow;
      return refuse('needs an admin account');
    case 'creator':
    case 'anyone':
      return allow;
    case 'operatorOwner':
      return ownerCheck(ctx.owners.operators, ctx.state.operators.has(str(rule.field)), str(rule.field), account, `the owner of operator`);
    case 'serviceOwner':
      return serviceOwner(ctx, account, rule.via === 'service' ? str('service') : ctx.state.sets.get(str('set'))?.service);
    case 'slasher':
      return slasher(ctx, account, str('set'));
    case 'resolver':
      return resolver(ctx, account, str('request'));
    case 'self':
      return str(rule.field) === account ? allow : refuse(`needs the ${rule.field} itself (${rule.field} must be the signing account)`);
    case 'claimant':
      if (command['staker'] !== undefined)
        return str('staker') === account ? allow : refuse('needs the staker itself (staker must be the signing account)');
      return ownerCheck(ctx.owners.operators, ctx.state.operators.has(str('operator')), str('operator'), account, 'the owner of operator');
  }
}

function ownerCheck(owners: ReadonlyMap<string, Account>, exists: boolean, id: string, account: Account, role: string): AuthDecision {
  if (!exists) return allow;
  const owner = owners.get(id);
  return owner !== undefined && owner === account ? allow : refuse(`needs ${role} ${id}`);
}

function serviceOwner(ctx: AuthContext, account: Account, service: string | undefined): AuthDecision {
  if (service === undefined) return allow;
  return ownerCheck(ctx.owners.services, ctx.state.services.has(service), service, account, 'the owner of service');
}

/** The set's slasher: an account named at creation, or (the default, the service's id) the service's owner. */
function slasher(ctx: AuthContext, account: Account, setId: string): AuthDecision {
  const set = ctx.state.sets.get(setId);
  if (!set) return allow;
  if (set.slasher === set.service) {
    const d = ownerCheck(ctx.owners.services, true, set.service, account, 'the slasher of set');
    return d.ok ? d : refuse(`needs the slasher of set ${setId} (the owner of service ${set.service})`);
  }
  return set.slasher === account ? allow : refuse(`needs the slasher of set ${setId} (${set.slasher})`);
}

/** The resolver in effect now; a resolver equal to the service's id means the service's owner. */
function resolver(ctx: AuthContext, account: Account, requestId: string): AuthDecision {
  const request = ctx.state.slashRequests.get(requestId);
  const set = request ? ctx.state.sets.get(request.set) : undefined;
  if (!request || !set) return allow;
  const who = resolverAt(set, ctx.state.block);
  if (who === null) return refuse(`needs the resolver of set ${set.id}, which has none`);
  if (who === set.service && ctx.owners.services.get(set.service) === account) return allow;
  return who === account ? allow : refuse(`needs the resolver of set ${set.id} (${who})`);
}
