import { beaconChainEthStrategy, preprod } from '../../src/chain/networks.js';
import { ChainEmulator, address } from './chainEmulator.js';

const WAD = 10n ** 18n;

/** mulberry32: a small seeded PRNG, so every history is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A random history on the emulated chain: operators, sets, stake, allocations, slashes, withdrawals.
 * `podSharesOnly`: native ETH enters only as pod shares (EigenPodManager), never as a StrategyManager
 * `Deposit` into the beacon-chain strategy, which EigenLayer does not allow (the EVM contracts refuse it).
 */
export function randomHistory(seed: number, actions: number, options: { podSharesOnly?: boolean } = {}): ChainEmulator {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const em = new ChainEmulator(preprod, 1000);
  const strategies = [address(0x51, 0), address(0x51, 1), beaconChainEthStrategy];
  const operators = [0, 1, 2].map((i) => address(0x0e, i));
  const stakers = [0, 1, 2, 3].map((i) => address(0x5a, i));
  for (const s of strategies) em.newStrategy(s);
  for (const o of operators) em.registerOperator(o, pick([0, 3, 10]));
  em.advance(preprod.allocationConfigurationDelayBlocks + 2);
  const sets = [em.createSet(address(0xa5, 0), 0, strategies.slice(0, 2)), em.createSet(address(0xa5, 1), 7, strategies.slice(1))];
  const queued: string[] = [];
  for (let i = 0; i < actions; i++) {
    const k = r();
    const o = pick(operators);
    const set = pick(sets);
    const s = pick(strategies);
    if (k < 0.15 && options.podSharesOnly && s === beaconChainEthStrategy)
      em.podBalanceIncrease(pick(stakers), BigInt(1 + Math.floor(r() * 1e6)) * 10n ** 12n);
    else if (k < 0.15) em.deposit(pick(stakers), s, BigInt(1 + Math.floor(r() * 1e6)) * 10n ** 12n);
    else if (k < 0.25) em.delegate(pick(stakers), o);
    else if (k < 0.32) em.register(o, set);
    else if (k < 0.47) em.allocate(o, set, s, (WAD * BigInt(Math.floor(r() * 1000))) / 1000n);
    else if (k < 0.57) em.slash(o, set, BigInt(1 + Math.floor(r() * Number(WAD / 10n ** 6n))) * 10n ** 6n);
    else if (k < 0.64) {
      const staker = pick(stakers);
      const held = em.state.stakers.get(staker)?.positions.get(s)?.depositShares ?? 0n;
      const id =
        held > 0n ? em.queueWithdrawal(staker, s, 1n + (held * BigInt(Math.floor(r() * 1000))) / 1000n - (held === 1n ? 0n : 1n)) : null;
      if (id) queued.push(id);
    } else if (k < 0.69) em.complete(pick(queued.length ? queued : ['none']));
    else if (k < 0.72) em.undelegate(pick(stakers));
    else if (k < 0.74) em.deregister(o, set);
    else if (k < 0.8) em.podBalanceIncrease(pick(stakers), BigInt(1 + Math.floor(r() * 64)) * 10n ** 18n);
    else if (k < 0.83) em.beaconSlash(pick(stakers), BigInt(1 + Math.floor(r() * 1e6)) * 10n ** 11n);
    else em.advance(1 + Math.floor(r() * 30));
  }
  return em;
}
