// Freshness of live risk (SPEC §10: fast figures published ≤ 1 s after a block) on a 2,000 × 100 network built
// through the ledger: the time from a block's commit to liveRisk's `metrics` publishes, wall clock and CPU.
import { loadavg } from 'node:os';
import { applyInPlace } from '../src/core/apply.js';
import { createState } from '../src/core/state/state.js';
import { stateHash } from '../src/core/state/stateHash.js';
import { liveRisk, type LiveRiskEvent } from '../src/server/risk/liveRisk.js';
import type { CommitEvent, LedgerServiceApi } from '../src/server/service/serviceApi.js';
import { ledgerNetworkCommands, type Cmd } from './ledgerNetwork.js';
import type { BenchRow } from './types.js';

/** Blocks measured (the median is reported). */
const blocks = 7;

/**
 * The commit path of the ledger service without its SQL transaction: apply the block's commands, then what
 * LedgerService.emit does after the transaction commits (state hash of the new head, then the listeners).
 */
function memoryLedger(cmds: readonly Cmd[]): LedgerServiceApi & { commit(block: readonly Cmd[]): { t0: number; hashCpuMs: number } } {
  const state = createState();
  for (const c of cmds) if (!applyInPlace(state, c).ok) throw new Error(`bench network: ${JSON.stringify(c)} failed`);
  const listeners = new Set<(e: CommitEvent) => void>();
  let seq = cmds.length;
  let hash = stateHash(state);
  const head = () => ({ chainId: 1, seq, block: state.block, stateHash: hash, logHash: '0'.repeat(64) });
  return {
    chainId: 1,
    readOnly: false,
    head,
    state: () => state,
    stateAt: () => Promise.resolve(null),
    submit: () => Promise.reject(new Error('not used')),
    log: () => Promise.resolve([]),
    onCommit: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: () => Promise.resolve(),
    commit(block) {
      for (const c of block) if (!applyInPlace(state, c).ok) throw new Error(`bench block: ${JSON.stringify(c)} failed`);
      seq += block.length;
      const t0 = performance.now();
      const cpu = process.cpuUsage();
      hash = stateHash(state);
      const used = process.cpuUsage(cpu);
      for (const l of listeners) l({ entries: [], receipts: [], head: head() });
      return { t0, hashCpuMs: (used.user + used.system) / 1000 };
    },
  };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Commit → first publish (entities, exposures, structural figures) and → second publish (network search). */
export async function liveFreshness(): Promise<BenchRow[]> {
  const cmds = ledgerNetworkCommands({ operators: 2000, services: 100, seed: 42 });
  const ledger = memoryLedger(cmds);
  let t = performance.now();
  const publishes: { at: number; cpu: NodeJS.CpuUsage; pending: boolean; changed: number }[] = [];
  const live = liveRisk({
    service: ledger,
    publish: (e: LiveRiskEvent) => {
      if (e.type === 'metrics')
        publishes.push({ at: performance.now(), cpu: process.cpuUsage(), pending: e.pending !== undefined, changed: e.changed.length });
    },
  });
  const startS = (performance.now() - t) / 1000;
  const allocs = cmds.filter((c) => c.type === 'allocate');
  const first: number[] = [];
  const firstCpu: number[] = [];
  const second: number[] = [];
  const hash: number[] = [];
  let changed = 0;
  for (let i = 0; i < blocks; i++) {
    // one block: an operator halves one allocation (effective at the next block) and the block advances
    const a = allocs[(i * 997) % allocs.length]!;
    publishes.length = 0;
    const cpu0 = process.cpuUsage();
    const c = ledger.commit([
      { ...a, magnitude: (BigInt(a.magnitude as string) / 2n).toString() },
      { type: 'advance', blocks: 1 },
    ]);
    await live.settled();
    const [p1, p2] = publishes;
    if (!p1 || !p2 || !p1.pending || p2.pending) throw new Error('expected a first publish with pending figures and a second one');
    first.push(p1.at - c.t0);
    firstCpu.push((p1.cpu.user + p1.cpu.system - cpu0.user - cpu0.system) / 1000); // µs → ms, the whole commit path
    second.push(p2.at - c.t0);
    hash.push(c.hashCpuMs);
    changed = p1.changed + p2.changed;
  }
  live.close();
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  const f = median(first) / 1000;
  return [
    {
      name: 'live risk: commit → first metrics publish, one allocation changed, 2000 × 100 built through the ledger',
      value: f,
      unit: 's',
      target: '≤ 1 s',
      met: f <= 1,
      note: `median of ${blocks} blocks; CPU time ${(median(firstCpu) / 1000).toFixed(3)} s, of which the service's state hash ${(median(hash) / 1000).toFixed(3)} s; ${changed} figures changed; load average ${load}`,
    },
    {
      name: 'live risk: commit → second publish (network heuristic search: verdict, best attack, γ*, R_ψ)',
      value: median(second) / 1000,
      unit: 's',
      note: `median of ${blocks} blocks; ${cmds.length} ledger commands; all figures from scratch at start ${startS.toFixed(2)} s`,
    },
  ];
}
