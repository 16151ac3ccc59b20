import { createPrng } from '../prng.js';

export interface GenerateScenarioOptions {
  readonly operators: number;
  readonly services: number;
  readonly seed: number;
  /** Total stake in the numeraire (e.g. ETH). */
  readonly totalStake?: number;
  /** elastic: every allocation is the operator's full stake; unique: stake split across services. */
  readonly mode?: 'elastic' | 'unique';
  readonly serviceNames?: readonly string[];
  readonly operatorNames?: readonly string[];
  readonly lrtNames?: readonly string[];
  /** Range of per-period service fault probabilities (default [0.002, 0.02]). */
  readonly serviceFaultRange?: readonly [number, number];
  /** Range of service fee rates on allocated stake (default [0.005, 0.05]). */
  readonly feeRateRange?: readonly [number, number];
}

const clients = ['geth', 'nethermind', 'besu', 'erigon', 'reth'];
const clientShare = [0.45, 0.25, 0.12, 0.1, 0.08];
const clouds = ['aws', 'gcp', 'hetzner', 'ovh', 'bare-metal'];
const cloudShare = [0.35, 0.2, 0.2, 0.1, 0.15];

function pick(u: number, shares: readonly number[]): number {
  let c = 0;
  for (let i = 0; i < shares.length; i++) {
    c += shares[i] ?? 0;
    if (u < c) return i;
  }
  return shares.length - 1;
}

function dec(x: number): string {
  return x.toFixed(6).replace(/\.?0+$/, '') || '0';
}

/**
 * A synthetic scenario calibrated to mainnet magnitudes (SPEC §7): Zipf(1.3) operator stakes
 * (top 10 hold about 60–70 %), large operators in 20–30 services, popular services drawing most
 * stake, client / cloud / LRT-manager factors. Deterministic by seed. Returns the raw scenario
 * value (SPEC §5 network inline), to be validated by `parseScenario`.
 */
export function generateScenario(o: GenerateScenarioOptions): Record<string, unknown> {
  const rng = createPrng(o.seed);
  const total = o.totalStake ?? 4_000_000;
  const weights = Array.from({ length: o.operators }, (_, i) => (i + 1) ** -1.3 * (0.8 + 0.4 * rng.next()));
  const wsum = weights.reduce((s, w) => s + w, 0);
  const opIds = Array.from({ length: o.operators }, (_, i) => o.operatorNames?.[i] ?? `op-${String(i).padStart(4, '0')}`);
  const svcIds = Array.from({ length: o.services }, (_, i) => o.serviceNames?.[i] ?? `svc-${String(i).padStart(3, '0')}`);
  const svcPop = svcIds.map((_, i) => (i + 1) ** -0.7);
  const popSum = svcPop.reduce((s, w) => s + w, 0);
  const operators = opIds.map((id, i) => ({ id, stake: dec((total * (weights[i] ?? 0)) / wsum) }));
  const allocations: { operator: string; service: string; amount?: string }[] = [];
  const svcStake = new Array<number>(o.services).fill(0);
  opIds.forEach((id, i) => {
    const big = i < Math.max(10, o.operators * 0.02);
    const degree = Math.min(o.services, big ? 20 + rng.nextInt(11) : 1 + rng.nextInt(8));
    const chosen = new Set<number>();
    while (chosen.size < degree) chosen.add(pick(rng.next() * popSum, svcPop));
    const stake = (total * (weights[i] ?? 0)) / wsum;
    for (const s of [...chosen].sort((a, b) => a - b)) {
      const amount = o.mode === 'unique' ? stake / degree : stake;
      svcStake[s] = (svcStake[s] ?? 0) + amount;
      allocations.push({ operator: id, service: svcIds[s] ?? '', ...(o.mode === 'unique' ? { amount: dec(amount) } : {}) });
    }
  });
  const services = svcIds.map((id, s) => ({
    id,
    profitFromCorruption: dec(Math.max(1, (svcStake[s] ?? 0) * (0.05 + 0.4 * rng.next()))),
    attackThreshold: rng.next() < 0.5 ? '1/2' : '2/3',
  }));
  const lrts = o.lrtNames ?? ['eETH', 'ezETH', 'pufETH', 'rsETH', 'rswETH'];
  const factors = [
    { id: 'market', kind: 'market', loading: 0.2, members: 'services' },
    ...clients.map((c) => ({ id: `client:${c}`, kind: 'client', loading: 0.3 })),
    ...clouds.map((c) => ({ id: `cloud:${c}`, kind: 'cloud', loading: 0.25 })),
    ...lrts.map((l) => ({ id: `lrt:${l}`, kind: 'lrt', loading: 0.2 })),
  ];
  const opFaults = opIds.map((id) => {
    const f = [`client:${clients[pick(rng.next(), clientShare)]}`, `cloud:${clouds[pick(rng.next(), cloudShare)]}`];
    if (rng.next() < 0.4) f.push(`lrt:${lrts[rng.nextInt(lrts.length)]}`);
    return { id, factors: f };
  });
  const [p0, p1] = o.serviceFaultRange ?? [0.002, 0.02];
  const [f0, f1] = o.feeRateRange ?? [0.005, 0.05];
  const svcFaults = svcIds.map((id) => ({
    id,
    faultProbability: dec(p0 + (p1 - p0) * rng.next()),
    feeRate: dec(f0 + (f1 - f0) * rng.next()),
  }));
  return {
    network: { operators, services, allocations },
    defaults: {
      service: { severity: { kind: 'beta', alpha: 2, beta: 8, scale: 1 } },
      operator: { faultProbability: 0.005, severity: { kind: 'uniform', min: 0.01, max: 0.1 } },
    },
    factors,
    services: svcFaults,
    operators: opFaults,
  };
}
