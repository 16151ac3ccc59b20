import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/math/rational.js';
import { bestAttack } from '../../src/risk/bestAttack.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { operatorCondition } from '../../src/risk/operatorCondition.js';
import { slack } from '../../src/risk/slack.js';
import { worstLoss } from '../../src/risk/worstLoss.js';

/*
 * Lower-bound constructions of Durvasula & Roughgarden, "Robust Restaking Networks" (ITCS 2025,
 * arXiv:2407.21785), §"Lower bounds for global security", Theorems 2 and 3. The paper's own text could
 * not be retrieved here; the constructions are taken from a public walkthrough of the paper
 * ("Unpacking Robust Restaking Networks"), which gives the graphs, stakes and proof steps. Where that
 * walkthrough is internally inconsistent (Theorem 3: it lists an edge (x, c) and π_x = (1+1/γ)ψ − ε,
 * while its own proof uses π_x − σ_b = γεσ_a/((1+γ)ψ) and b attacking x alone after a is shocked), we
 * use the reading its proof requires: c holds stake outside x, π_x = (σ_a + σ_b)/(1 + γ). (Read
 * literally, with c on x the shock {a} leaves b unable to reach α = 1 alone and R_ψ = ψ; with c off x and
 * π_x = (1+1/γ)ψ − ε the graph has γ* = 0, not γ.) The engine reproduces every stated figure exactly.
 */

const R = (n: number | bigint, d: number | bigint = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const ONE = Rational.ONE;

/** Theorem 2: service x (α = 1, π = 1), validators a (stake ε) and b (stake 1 − ε), both on x. */
function theorem2(eps: Rational): Network {
  return {
    operators: [
      { id: 'a', stake: eps },
      { id: 'b', stake: ONE.sub(eps) },
    ],
    services: [{ id: 'x', profitFromCorruption: ONE, attackThreshold: ONE }],
    allocations: [
      { operator: 'a', service: 'x', amount: eps },
      { operator: 'b', service: 'x', amount: ONE.sub(eps) },
    ],
  };
}

test('paper Theorem 2: secure and meets the EigenLayer condition, yet R_ψ = 1 for every ψ ≥ ε', async () => {
  for (const eps of [R(1, 2), R(1, 10), R(1, 1000), R(7, 10 ** 9)]) {
    const ix = indexNetwork(theorem2(eps));
    const best = await bestAttack(ix, { profitableOnly: false });
    assert.equal(best.exact, true);
    assert.equal(best.attack?.profit.toString(), '0'); // the only attack earns exactly 0: secure
    const oc = operatorCondition(ix);
    assert.equal(oc.holds, true);
    for (const e of oc.operators.values()) assert.equal(e.margin.toString(), '0'); // with equality
    const s = await slack(ix);
    assert.equal(s.exact, true);
    assert.equal(s.gamma?.toString(), '0'); // γ* = 0: Theorem 1 gives no bound
    for (const psi of [eps, eps.add(ONE.sub(eps).div(R(2))), ONE.sub(eps.div(R(2)))]) {
      const w = await worstLoss(ix, psi);
      assert.equal(w.exact, true);
      assert.equal(w.loss.toString(), '1');
      // the paper shocks a and b attacks; when ψ ≥ 1 − ε shocking b and letting a attack is equally bad
      assert.equal(w.shock.length, 1);
      assert.deepEqual([...w.shock, ...(w.attack?.operators ?? [])].sort(), ['a', 'b']);
      if (psi.lt(ONE.sub(eps))) assert.deepEqual(w.shock, ['a']);
    }
    // below ε nothing can be shocked and the network is secure: nothing is lost (SPEC counts the actual
    // shocked stake, where the paper's R_ψ adds ψ by definition)
    const below = await worstLoss(ix, eps.div(R(2)));
    assert.equal(below.loss.toString(), '0');
  }
});

/**
 * Theorem 3 (tightness of R_ψ < (1 + 1/γ)ψ): service x with α = 1; validators a (stake σ_a) and
 * b (stake σ_a(1/γ − ε/ψ)) on x, and c (stake σ_a((1 − ψ + ε)/ψ − 1/γ)) elsewhere, so σ_V = σ_a/ψ;
 * π_x = (σ_a + σ_b)/(1 + γ). The graph is secure with slack exactly γ (it meets Corollary 2's condition
 * (17)), and the shock {a} lets b take x alone: R_ψ = (σ_a + σ_b)/σ_V = (1 + 1/γ)ψ − ε.
 */
function theorem3(psi: Rational, gamma: Rational, eps: Rational, sigmaA: Rational): Network {
  const sigmaB = sigmaA.mul(ONE.div(gamma).sub(eps.div(psi)));
  const sigmaC = sigmaA.mul(ONE.sub(psi).add(eps).div(psi).sub(ONE.div(gamma)));
  const pfc = sigmaA.add(sigmaB).div(ONE.add(gamma));
  return {
    operators: [
      { id: 'a', stake: sigmaA },
      { id: 'b', stake: sigmaB },
      { id: 'c', stake: sigmaC },
    ],
    services: [{ id: 'x', profitFromCorruption: pfc, attackThreshold: ONE }],
    allocations: [
      { operator: 'a', service: 'x', amount: sigmaA },
      { operator: 'b', service: 'x', amount: sigmaB },
    ],
  };
}

test('paper Theorem 3: γ-slack graph with R_ψ = (1 + 1/γ)ψ − ε, so Theorem 1 is tight', async () => {
  const cases: [Rational, Rational, Rational, Rational][] = [
    // ψ, γ, ε, σ_a   (0 < ε < ψ/γ and (1 + 1/γ)ψ − ε ≤ 1)
    [R(1, 100), R(1, 10), R(1, 1000), R(1, 100)],
    [R(1, 1000), R(1, 10), R(1, 10 ** 7), R(3)],
    [R(1, 50), R(1, 2), R(1, 100), R(5, 7)],
    [R(1, 10), R(1), R(1, 20), R(1, 10)],
    [R(1, 4), R(1, 3), R(1, 8), R(2)], // (1 + 1/γ)ψ − ε = 7/8
  ];
  for (const [psi, gamma, eps, sigmaA] of cases) {
    const net = theorem3(psi, gamma, eps, sigmaA);
    const ix = indexNetwork(net);
    assert.equal(ix.totalStake.toString(), sigmaA.div(psi).toString()); // σ_V = σ_a/ψ
    const bound = ONE.add(ONE.div(gamma)).mul(psi);
    const s = await slack(ix);
    assert.equal(s.exact, true);
    assert.equal(s.gamma?.toString(), gamma.toString());
    // condition (17) of Corollary 2 is operatorCondition with every PfC scaled by (1 + γ)
    const scaled = indexNetwork({
      ...net,
      services: net.services.map((x) => ({ ...x, profitFromCorruption: x.profitFromCorruption.mul(ONE.add(gamma)) })),
    });
    assert.equal(operatorCondition(scaled).holds, true);
    const w = await worstLoss(ix, psi);
    assert.equal(w.exact, true);
    assert.equal(w.loss.toString(), bound.sub(eps).toString());
    assert.deepEqual(w.shock, ['a']);
    assert.deepEqual(w.attack?.operators, ['b']);
    // b's profit after the shock is γε·σ_a/((1 + γ)ψ), as in the proof
    const profit = w.attack!.profit;
    assert.equal(profit.toString(), gamma.mul(eps).mul(sigmaA).div(ONE.add(gamma).mul(psi)).toString());
    assert.ok(w.loss.lt(bound));
  }
});
