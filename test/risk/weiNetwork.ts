import { Rational } from '../../src/math/rational.js';
import type { Network } from '../../src/risk/network.js';
import { createPrng } from '../../src/risk/prng.js';

/** Wei per ETH: a chain import's grid. */
const weiPerEth = 10n ** 18n;

/**
 * The network with every stake given a seeded tail below 1 ETH to the wei (allocations keep their share of the stake,
 * rounded down to the wei): amounts as a chain import gives them, on a network whose own amounts have a few decimals.
 * Used by test/risk/slackTolerance.test.ts and the analyzeExact bench's wei row.
 */
export function weiNetwork(net: Network, seed: number): Network {
  const prng = createPrng(seed);
  const tail = (): Rational => Rational.of(BigInt(prng.nextInt(1e9)) * 1_000_000_000n + BigInt(prng.nextInt(1e9)), weiPerEth);
  const factor = new Map<string, Rational>();
  const operators = net.operators.map((o) => {
    const stake = o.stake.add(tail());
    factor.set(o.id, stake.div(o.stake));
    return { ...o, stake };
  });
  const allocations = net.allocations.map((a) => ({
    ...a,
    amount: Rational.of(a.amount.mul(factor.get(a.operator)!).mul(Rational.of(weiPerEth)).toBigInt('down'), weiPerEth),
  }));
  return { ...net, operators, allocations };
}
