// A generated network (SPEC §7 calibration) written as a ledger command log, for the benches that
// need ledger state behind the network view (live risk freshness): one ETH vault, one operator set per
// service, one staker per operator delegating its stake, allocations as magnitudes of that stake.
import { WAD } from '../src/math/wad.js';
import { generateNetwork } from '../src/risk/generateNetwork.js';

export type Cmd = Record<string, unknown>;

const weiPerEth = 10n ** 18n;

/** The commands building a generated `operators × services` network; allocations take effect at once. */
export function ledgerNetworkCommands(o: { readonly operators: number; readonly services: number; readonly seed: number }): Cmd[] {
  const net = generateNetwork(o);
  const cmds: Cmd[] = [
    { type: 'configure', withdrawalDelayBlocks: 5, deallocationDelayBlocks: 0, allocationConfigurationDelayBlocks: 0 },
    { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'ETH' },
  ];
  for (const s of net.services) {
    const pfc = s.profitFromCorruption;
    cmds.push(
      { type: 'createService', service: s.id },
      {
        type: 'createOperatorSet',
        service: s.id,
        set: s.id,
        vaults: ['v'],
        slasher: 'slasher',
        profitFromCorruption: (pfc.num / pfc.den).toString(), // generated PfC are integers
        attackThreshold: `${s.attackThreshold.num}/${s.attackThreshold.den}`,
      },
    );
  }
  const byOp = new Map<string, { service: string; amount: bigint }[]>();
  for (const a of net.allocations) {
    const l = byOp.get(a.operator) ?? [];
    l.push({ service: a.service, amount: a.amount.num / a.amount.den });
    byOp.set(a.operator, l);
  }
  for (const op of net.operators) {
    const stake = op.stake.num / op.stake.den;
    cmds.push(
      { type: 'registerOperator', operator: op.id },
      { type: 'deposit', staker: `staker-${op.id}`, vault: 'v', amount: (stake * weiPerEth).toString() },
      { type: 'delegate', staker: `staker-${op.id}`, operator: op.id },
    );
    const allocs = byOp.get(op.id) ?? [];
    // unique stake: the magnitudes of one vault sum to at most 1 (WAD), so scale the restaked amounts down
    const sum = allocs.reduce((a, x) => a + x.amount, 0n);
    const base = sum > stake ? sum : stake;
    for (const a of allocs) {
      cmds.push({ type: 'registerForOperatorSet', operator: op.id, set: a.service });
      const magnitude = (WAD * a.amount) / base; // rounded down: the sum stays ≤ WAD
      if (magnitude > 0n) cmds.push({ type: 'allocate', operator: op.id, set: a.service, vault: 'v', magnitude: magnitude.toString() });
    }
  }
  return cmds;
}
