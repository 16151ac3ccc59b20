/**
 * Size bounds of scenario files and simulations (a returned error beyond them, never a hang).
 * Network sizes are bounded by the network parser (src/risk/networkBounds.ts).
 */
export const scenarioBounds = {
  factorsMax: 256,
  factorsPerEntityMax: 8,
  positionsMax: 256,
  holdingsMax: 100_000,
  /** Exact integer accumulation needs scenarios × 2^30 < 2^53. */
  scenariosMax: 2 ** 23,
  levelsMax: 16,
  thresholdsMax: 16,
  /** Per-scenario loss storage for positions (positions × scenarios doubles). */
  positionScenarioCellsMax: 64_000_000,
  positionDepthMax: 16,
  optimizeScenariosMax: 20_000,
  optimizeCandidatesMax: 2_000,
  /** optimize.scenarios × optimize.candidates (LP size). */
  optimizeCellsMax: 4_000_000,
  threadsMax: 64,
  /** Largest rate per period (fee rate, target return, cost of capital, loading): 1000 %. Floats
   *  beyond such bounds would turn yields into Infinity/NaN instead of an error. */
  rateMax: 10,
  /** Largest amount in the numeraire (holdings, covers, capital, budget): far above all staked ETH,
   *  far below where sums over scenarios lose integer precision in a double. */
  amountMax: 1e15,
  /** Largest risk aversion λ of the optimiser. */
  lambdaMax: 1e6,
} as const;
