import { setFlagsFromString } from 'node:v8';

/**
 * Bytecode V8 lets a function run in its interpreter before it queues the function for optimisation (its default is
 * 67,584). Why raised: a warm re-analysis after one ledger command is short (0.1–0.3 s) and walks hundreds of
 * functions just far enough to cross the default, and the process keeps recompiling them (closures made per call,
 * code dropped after a major collection or a map change): on the 500 × 50 incremental bench the optimising compiler's
 * background threads took 120–300 ms of CPU per warm analysis against 60–80 ms of the analysis itself on the main
 * thread. At 2,000,000 only functions with sustained work get compiled. Measured (BENCHMARKS, fifteenth pass): warm
 * ÷ cold CPU on that chain 0.18 / 0.11 → 0.09 / 0.05 on its two cheapest commands, the cold runs no slower.
 */
export const interruptBudgetBytes = 2_000_000;

/**
 * Sets the V8 flags of a stakemesh process (CLI, `serve`, `worker`, the bench runner). Called first thing, before any
 * hot code; V8 flags are process-wide, so worker threads started later share them. Never from library code: the
 * process, not a module it imports, owns its runtime.
 */
export function tuneV8(): void {
  setFlagsFromString(`--interrupt-budget=${interruptBudgetBytes}`);
}
