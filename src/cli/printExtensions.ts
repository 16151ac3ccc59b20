import type { LedgerState } from '../core/state/state.js';
import { stateView } from '../core/state/view.js';
import { formatUnits } from '../math/decimal.js';
import { Rational } from '../math/rational.js';
import { formatTable } from './table.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Human tables for veto requests, LRTs, rewards and insurance (empty sections are left out). */
export function extensionTables(state: LedgerState): string[] {
  const v = stateView(state) as Obj;
  const units = (asset: string, x: string): string => `${formatUnits(BigInt(x), state.assets.get(asset)?.decimals ?? 0)} ${asset}`;
  const out: string[] = [];
  const section = (title: string, headers: string[], rows: string[][]): void => {
    if (rows.length > 0) out.push('', title, formatTable(headers, rows));
  };
  section(
    'Veto-mode slash requests',
    ['request', 'set', 'operator', 'wad', 'requested at', 'status'],
    Object.entries(v['slashRequests'] as Obj).map(([id, r]) => [id, r.set, r.operator, String(r.wad), String(r.requestBlock), r.status]),
  );
  section(
    'Liquid restaking tokens',
    ['lrt', 'token', 'underlying', 'supply', 'NAV', 'token price (numeraire)'],
    Object.entries((v['lrts'] as Obj)['lrts'] as Obj).map(([id, l]) => {
      const [p = '0', q = '1'] = String(l.tokenPrice).split('/');
      return [id, l.token, l.asset, units(l.token, l.supply), units(l.asset, l.nav), Rational.of(BigInt(p), BigInt(q)).toDecimal(6)];
    }),
  );
  section(
    'Rewards',
    ['asset', 'submitted', 'claimed', 'claimable by stakers', 'unclaimed commission', 'dust'],
    Object.entries((v['rewards'] as Obj)['totals'] as Obj).map(([asset, t]) => [
      asset,
      units(asset, t.submitted),
      units(asset, t.claimed),
      units(asset, t.claimableByStakers),
      units(asset, t.unclaimedCommission),
      String(t.dust),
    ]),
  );
  const ins = v['insurance'] as Obj;
  section(
    'Insurance pools',
    ['pool', 'assets', 'premiums', 'claims paid', 'active cover'],
    Object.entries(ins['pools'] as Obj).map(([id, p]) => [
      id,
      units(p.asset, p.assets),
      units(p.asset, p.premiums),
      units(p.asset, p.claimsPaid),
      units(p.asset, p.activeCover),
    ]),
  );
  section(
    'Insurance claims',
    ['claim', 'cover', 'buyer', 'operator / set', 'loss', 'paid'],
    Object.entries(ins['claims'] as Obj).map(([id, c]) => {
      const cover = (ins['covers'] as Obj)[c.cover];
      const asset = (ins['pools'] as Obj)[cover.pool].asset as string;
      return [id, c.cover, cover.buyer, `${cover.operator} / ${cover.set}`, units(asset, c.loss), units(asset, c.paid)];
    }),
  );
  return out;
}
