#!/usr/bin/env python3
"""Vectorised numpy reference of the one-factor correlated-slashing Monte Carlo (SPEC section 6).

Used by bench/montecarloNumpy.bench.ts to measure the TypeScript engine side by side with numpy on
the same network and the same model. Input: a JSON model written by the bench (stakes, allocations,
per-entity fault probability, factor loading, severity). The model, as in src/risk/montecarlo:

  one factor Z ~ N(0,1) per scenario; entity i faults iff a_i Z + sqrt(1 - a_i^2) e_i < Phi^-1(p_i);
  service severity ~ scale * Beta(alpha, beta); operator severity ~ Uniform(min, max);
  operator o loses L_o = min(stake_o, sum_s w_os (1 - (1 - sev_o)(1 - sev_s)))
                       = min(stake_o, sev_o * sum_s w_os + (1 - sev_o) * (sev_S @ W)_o);
  the stake securing service t through operator o falls by w_ot - min(w_ot (1 - sev_o)(1 - sev_t), S_o - L_o)
  (w_ot = S_o for every allocation of a full-restaking operator: then exactly L_o).

Outputs: the same statistics as the engine's `runMonteCarlo` (src/risk/montecarlo, reported by
`simulate`): the network's total-loss sample (mean, sd, VaR, ES, exceedances: exact, from the
sample); per operator (loss / slashable exposure) and per service (security lost / stake securing
it): sum, sum of squares, count of losses, exceedance counts and a log-binned loss-fraction
histogram (count and sum per bin, 8 bins per octave from 2^-24 to 1, the engine's bins) from which
VaR and ES are read as the engine reads them; the service-to-service contagion matrix
(sum over faults of s of the security-loss fraction of t) and the fault count of each service.
Floats here, where the engine quantises to exact integers: the figures agree within Monte Carlo
noise, not bit for bit (different random streams anyway).

Vectorised the way a numpy user tuning it would, sparse where the model is: about 10 of 2,000
operators and 1 of 100 services fault per scenario, and about 5 % of operators lose. Services:
the copula's latent normals (a normal and a comparison per service; b x 100 is small), their
severities a scipy.sparse matrix. Operators: per group of equal factor loading, Binomial(n,
p_max(Z)) candidates at distinct uniform positions, each kept with probability p_i(Z) / p_max(Z)
(exact: the engine samples the same way, one candidate at a time), their severities a sparse
matrix; the losses L = min(S, sw + sev_o (alloc_sum - sw)) as sparse arithmetic over the
operators reached (sw = sev_S @ W, sparse times sparse). The first version of this pass drew
a latent normal for every operator (b x 2,000 normals per batch, about a third of its time) and
computed the losses dense over operators: 2.2-2.5x slower per CPU-second (kept in git history).
Every per-operator statistic is taken over the non-zero losses (np.bincount by operator, by
operator and bin), the services' security losses by a sparse product of those losses with the
allocation incidence (full-restaking operators, the engine's own shortcut) or per allocation of
the operators that lost (others), the contagion rows by one sparse product per batch
(faults x security-loss fractions). No BLAS call is left.

Scenarios run in batches; memory is flat in the scenario count apart from the totals sample that
exact VaR needs. Timed: the simulation and the merge of the processes' partial sums (as the engine's
runMonteCarlo, whose report is built afterwards); the per-entity VaR/ES read-out is not timed.

Usage: montecarlo_numpy.py MODEL.json SCENARIOS SEED [PROCESSES]  -> prints one JSON line
(PROCESSES > 1: the scenarios split over that many processes, wall time and summed CPU time).
"""
import json
import multiprocessing as mp
import sys
import time

import numpy as np
from scipy import sparse
from scipy.special import ndtr, ndtri

BATCH = 4096
HIST_OCTAVES, HIST_PER_OCTAVE = 24, 8
HIST_BINS = HIST_OCTAVES * HIST_PER_OCTAVE


def hist_bin(frac):
    """The engine's log bins (accumulator.ts histBin): the float's exponent and top 3 mantissa bits
    are bits 49-62 of its IEEE representation (positive fractions: no sign bit)."""
    b = (frac.view(np.int64) >> 49) - (1023 - HIST_OCTAVES) * HIST_PER_OCTAVE
    return np.clip(b, 0, HIST_BINS - 1, out=b)


class Side:
    """Per-entity sums of one side (operators or services)."""

    def __init__(self, n, n_thr):
        self.n = n
        self.sum = np.zeros(n)
        self.sum_sq = np.zeros(n)
        self.nonzero = np.zeros(n)
        self.exceed = np.zeros((n_thr, n))
        self.hist_count = np.zeros(n * HIST_BINS)
        self.hist_sum = np.zeros(n * HIST_BINS)

    def add(self, ent, frac, thresholds):
        """Records positive loss fractions `frac` of entities `ent` (1-D, any order); the sums and
        counts per entity are the histogram rows' totals (`derive`)."""
        n = self.n
        self.sum_sq += np.bincount(ent, weights=frac * frac, minlength=n)
        for k, x in enumerate(thresholds):
            self.exceed[k] += np.bincount(ent[frac > x], minlength=n)
        cell = ent * HIST_BINS + hist_bin(frac)
        self.hist_count += np.bincount(cell, minlength=n * HIST_BINS)
        self.hist_sum += np.bincount(cell, weights=frac, minlength=n * HIST_BINS)

    def derive(self):
        self.sum = self.hist_sum.reshape(self.n, HIST_BINS).sum(axis=1)
        self.nonzero = self.hist_count.reshape(self.n, HIST_BINS).sum(axis=1)
        return self

    def merge(self, o):
        for k in ("sum", "sum_sq", "nonzero", "exceed", "hist_count", "hist_sum"):
            setattr(self, k, getattr(self, k) + getattr(o, k))


def sample_operator_faults(rng, z, groups, n_ops):
    """Fired operators of a batch, sparse: per group of equal loading, Binomial(n, p_max(Z)) candidates
    at distinct uniform positions, each kept with probability p_i(Z) / p_max(Z) (exact thinning)."""
    b = len(z)
    rows, cols = [], []
    for members, t, a, sc in groups:
        n = len(members)
        t_max = t.max()
        p_max = ndtr((t_max - a * z) / sc)
        k = rng.binomial(n, p_max)
        r = np.repeat(np.arange(b), k)
        c = rng.integers(0, n, size=len(r))
        while True:  # redraw repeated positions until each scenario's candidates are distinct
            key = r * n + c
            order = np.argsort(key, kind="stable")
            dup = order[1:][key[order][1:] == key[order][:-1]]
            if len(dup) == 0:
                break
            c[dup] = rng.integers(0, n, size=len(dup))
        if np.any(t != t_max):
            keep = rng.random(len(r)) * p_max[r] < ndtr((t[c] - a * z[r]) / sc)
            r, c = r[keep], c[keep]
        rows.append(r)
        cols.append(members[c])
    return np.concatenate(rows), np.concatenate(cols)


def simulate(model, scenarios, seed):
    """Raw results of `scenarios` scenarios: totals sample, per-operator and per-service sums, contagion."""
    rng = np.random.default_rng(seed)
    stake = np.asarray(model["opStake"], dtype=np.float64)
    n_ops, n_svc = len(stake), len(model["svcProb"])
    edge_op, edge_svc = np.asarray(model["edgeOp"]), np.asarray(model["edgeSvc"])
    edge_amt = np.asarray(model["edgeAmt"], dtype=np.float64)
    w = sparse.csr_matrix((edge_amt, (edge_svc, edge_op)), shape=(n_svc, n_ops))
    alloc_sum = np.asarray(w.sum(axis=0)).ravel()
    exposure = np.minimum(stake, alloc_sum)
    svc_stake = np.asarray(w.sum(axis=1)).ravel()
    # full-restaking operators (every allocation = the whole stake) lose L_o on every allocation
    full = np.zeros(n_ops, dtype=bool)
    full[np.unique(edge_op)] = True
    full[edge_op[edge_amt != stake[edge_op]]] = False
    incidence = sparse.csr_matrix((np.ones(len(edge_op)), (edge_op, edge_svc)), shape=(n_ops, n_svc))
    incidence_full = sparse.csr_matrix(incidence.multiply(full[:, None]))
    partial_edges = ~full[edge_op]
    p_op, p_svc, p_amt = edge_op[partial_edges], edge_svc[partial_edges], edge_amt[partial_edges]
    p_start = np.zeros(n_ops + 1, dtype=np.int64)
    np.cumsum(np.bincount(p_op, minlength=n_ops), out=p_start[1:])
    order = np.argsort(p_op, kind="stable")
    p_svc, p_amt = p_svc[order], p_amt[order]

    def entity(prefix):
        a = np.asarray(model[prefix + "Loading"], dtype=np.float64)
        t = ndtri(np.asarray(model[prefix + "Prob"], dtype=np.float64))
        return a, t, np.sqrt(1 - a * a)

    a_s, t_s, sc_s = entity("svc")
    a_o, t_o, sc_o = entity("op")
    groups = []
    for a in np.unique(a_o):
        members = np.flatnonzero(a_o == a)
        groups.append((members, t_o[members], a, np.sqrt(1 - a * a)))
    alpha, beta, scale = model["svcSeverity"]
    lo, hi = model["opSeverity"]
    thresholds = np.asarray(model["thresholds"], dtype=np.float64)

    totals = np.empty(scenarios)
    ops, svcs = Side(n_ops, len(thresholds)), Side(n_svc, len(thresholds))
    fault_count = np.zeros(n_svc)
    contagion = np.zeros((n_svc, n_svc))
    for start in range(0, scenarios, BATCH):
        b = min(BATCH, scenarios - start)
        z = rng.standard_normal(b)
        # services: the copula's latent variables (b x 100 is small): s faults iff a Z + s e < t
        fs = a_s * z[:, None] + sc_s * rng.standard_normal((b, n_svc)) < t_s
        rows, cols = np.nonzero(fs)
        sev_s = sparse.csr_matrix((scale * rng.beta(alpha, beta, len(rows)), (rows, cols)), shape=(b, n_svc))
        # operators: about 10 of 2,000 fault per scenario, sampled sparse
        fr, fc = sample_operator_faults(rng, z, groups, n_ops)
        so = sparse.csr_matrix((rng.uniform(lo, hi, len(fr)), (fr, fc)), shape=(b, n_ops))
        sw = sev_s @ w
        # L = min(S, sev_o * alloc_sum + (1 - sev_o) * sw) = min(S, sw + sev_o (alloc_sum - sw)), sparse
        loss = (sw + so.multiply(alloc_sum[None, :]) - so.multiply(sw)).tocsr()
        loss.sum_duplicates()
        o = loss.indices
        np.minimum(loss.data, stake[o], out=loss.data)
        r = np.repeat(np.arange(b), np.diff(loss.indptr))
        positive = loss.data > 0
        r, o, lo_val = r[positive], o[positive], loss.data[positive]
        totals[start : start + b] = np.bincount(r, weights=lo_val, minlength=b)
        ops.add(o, lo_val / exposure[o], thresholds)
        # security lost per service: L_o on each allocation of a full operator (a sparse product),
        # w - min(w (1 - sev_o)(1 - sev_t), S - L) on each allocation of another operator that lost
        indptr = np.zeros(b + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=b), out=indptr[1:])
        sec = (sparse.csr_matrix((lo_val, o, indptr), shape=(b, n_ops)) @ incidence_full).toarray()
        if len(p_op):
            sec += partial_security(r, o, lo_val, so.toarray(), sev_s.toarray(), stake, p_start, p_svc, p_amt, b, n_svc)
        sec /= svc_stake
        sr, st = np.nonzero(sec)
        svcs.add(st, sec[sr, st], thresholds)
        # contagion[s, t] += security-loss fraction of t in each scenario where s faulted (sparse:
        # about one fault per scenario)
        fault_count += np.bincount(cols, minlength=n_svc)
        contagion += np.asarray(sparse.csr_matrix((np.ones(len(rows)), (cols, rows)), shape=(n_svc, b)) @ sec)
    return totals, ops.derive(), svcs.derive(), fault_count, contagion


def partial_security(r, o, lo_val, so, sev_dense, stake, p_start, p_svc, p_amt, b, n_svc):
    """Security lost through the allocations of the non-full operators that lost (CSR expansion)."""
    cnt = p_start[o + 1] - p_start[o]
    keep = cnt > 0
    r, o, lo_val, cnt = r[keep], o[keep], lo_val[keep], cnt[keep]
    rep = np.repeat(np.arange(len(o)), cnt)
    e = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt) + p_start[o][rep]
    rr, t, a = r[rep], p_svc[e], p_amt[e]
    left = a * (1 - so[rr, o[rep]]) * (1 - sev_dense[rr, t])
    sl = a - np.minimum(left, (stake[o] - lo_val)[rep])
    return np.bincount(rr * n_svc + t, weights=sl, minlength=b * n_svc).reshape(b, n_svc)


def merge(parts):
    totals = np.concatenate([p[0] for p in parts])
    ops, svcs, fault_count, contagion = parts[0][1], parts[0][2], parts[0][3].copy(), parts[0][4].copy()
    for p in parts[1:]:
        ops.merge(p[1])
        svcs.merge(p[2])
        fault_count += p[3]
        contagion += p[4]
    return totals, ops, svcs, fault_count, contagion


def binned_tail(side, n, level):
    """VaR and ES fractions per entity from the histogram, as the engine's binnedStats reads them."""
    m = max(1, int(np.ceil((1 - level) * n - 1e-9)))
    cnt = side.hist_count.reshape(side.n, HIST_BINS)[:, ::-1]
    sm = side.hist_sum.reshape(side.n, HIST_BINS)[:, ::-1]
    mean = np.divide(sm, cnt, out=np.zeros_like(sm), where=cnt > 0)
    before = np.cumsum(cnt, axis=1) - cnt
    take = np.clip(m - before, 0, cnt)
    es = (take * mean).sum(axis=1) / m
    reached = np.cumsum(cnt, axis=1) >= m
    last = np.argmax(reached, axis=1)
    var = np.where(reached.any(axis=1), mean[np.arange(side.n), last], 0.0)
    return var, es


def summarise(merged, model, levels):
    totals, ops, svcs, fault_count, contagion = merged
    n = len(totals)
    srt = np.sort(totals)
    k = int(np.ceil(0.99 * n - 1e-9))
    stake = np.asarray(model["opStake"], dtype=np.float64)
    out = {
        "expectedLoss": float(totals.mean()),
        "var99": float(srt[k - 1]),
        "es99": float(srt[k - 1 :].mean()),
        "operatorExpectedLossSum": None,
        "operatorsWithLoss": int((ops.nonzero > 0).sum()),
        "serviceMeanLossFractionSum": float(svcs.sum.sum() / n),
        "servicesWithLoss": int((svcs.nonzero > 0).sum()),
        "contagionSum": float((contagion / np.maximum(fault_count, 1)[:, None]).sum()),
        "serviceFaults": int(fault_count.sum()),
    }
    # exposure as the bench defines it (min(stake, sum of allocations))
    w_sum = np.zeros(len(stake))
    np.add.at(w_sum, np.asarray(model["edgeOp"]), np.asarray(model["edgeAmt"], dtype=np.float64))
    exposure = np.minimum(stake, w_sum)
    out["operatorExpectedLossSum"] = float((ops.sum * exposure).sum() / n)
    for side, name in ((ops, "operator"), (svcs, "service")):
        for level in levels:
            var, es = binned_tail(side, n, level)
            out[f"{name}MeanVaR{round(level * 100)}Fraction"] = float(var.mean())
            out[f"{name}MeanES{round(level * 100)}Fraction"] = float(es.mean())
    out["operatorMeanSdFraction"] = float(np.sqrt(np.maximum(0, ops.sum_sq / n - (ops.sum / n) ** 2)).mean())
    return out


def worker(model, scenarios, seed, barrier, queue):
    simulate(model, min(scenarios, 2 * BATCH), seed + 10_000)  # warm-up: imports, page faults
    barrier.wait()
    c0 = time.process_time()
    part = simulate(model, scenarios, seed)
    queue.put((time.process_time() - c0, part))


def run_processes(model, scenarios, seed, processes):
    """One share of the scenarios per process (a numpy user's way to use every core); CPU-s summed."""
    ctx = mp.get_context("fork")
    barrier, queue = ctx.Barrier(processes + 1), ctx.Queue()
    shares = [scenarios * (k + 1) // processes - scenarios * k // processes for k in range(processes)]
    procs = [ctx.Process(target=worker, args=(model, n, seed * 1000 + k, barrier, queue)) for k, n in enumerate(shares)]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    c0 = time.process_time()
    results = [queue.get() for _ in procs]
    merged = merge([r[1] for r in results])
    wall = time.perf_counter() - t0
    cpu = sum(r[0] for r in results) + time.process_time() - c0
    for p in procs:
        p.join()
    return wall, cpu, merged


def main():
    model = json.load(open(sys.argv[1]))
    scenarios, seed = int(sys.argv[2]), int(sys.argv[3])
    processes = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    levels = model.get("levels", [0.95, 0.99])
    if processes > 1:
        wall, cpu, merged = run_processes(model, scenarios, seed, processes)
    else:
        simulate(model, min(scenarios, 2 * BATCH), seed)  # warm-up: imports, BLAS threads, page faults
        t0 = time.perf_counter()
        c0 = time.process_time()
        merged = merge([simulate(model, scenarios, seed)])
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
    stats = summarise(merged, model, levels)
    print(json.dumps({"scenarios": scenarios, "processes": processes, "seconds": wall, "cpuSeconds": cpu, "perSecond": scenarios / wall, **stats}))


if __name__ == "__main__":
    main()
