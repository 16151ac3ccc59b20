/*
 * The engine's sparse Monte Carlo loss pass (src/risk/montecarlo/simulateRange.ts: sparseSums,
 * operatorLosses on the full-restaking overlap path, overlapLosses, serviceLosses; lossBatch.ts:
 * the operators' 128 slots per operator folded into packed histogram rows, the services recorded
 * directly), ported line by line to C, for bench/montecarloNative.bench.ts only: it measures what
 * a compiled kernel (WebAssembly is at best as fast as this native build) could do for the part of
 * the engine that is not fault sampling. It replays the faults the engine drew (written by the
 * bench) and writes back every statistic, which the bench compares bit for bit with the engine's.
 * Not part of the engine; needs a C compiler (the bench prints a note without one).
 *
 * Input (argv[1], little-endian doubles): nOps nSvc nEdges nOverlap scenarios nEvents nThr, then
 * opStake opExposure opAllocSum opEdgeStart edgeSvc svcStake svcEdgeStart svcEdgeOp svcEdgeAmt
 * overlapStart overlapSvc overlapStake thresholds, then per scenario: nFiredSvc nFiredOp
 * (svc, σ)... (op, σ)... . Output (argv[2]): ops and services' sumQ sumSqQ nonzero exceed histCount
 * histSumQ, faultCount, contagion, totals. Prints {"cpuSeconds": …} (loss pass only).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HB 192       /* histBins */
#define CAP 128      /* lossBatchEventsPerEntity */
#define DIRECT 128   /* directEntitiesMax */
#define CEMAX 2047   /* cellEventsMax */
static const double QU = 1073741824.0;    /* quantum 2^30 */
static const double CELL = 2199023255552.0; /* cellUnit 2^41 */
static double qCellMax;
static int nThr;
static double *thr;
static int *thrBin;
static unsigned char thrFlag[HB];

typedef struct {
  int n, cap;
  double *sumQ, *sumSqQ, *nonzero, *exceed, *hc, *hs; /* EntityStats */
  double *slots, *packed, *bc, *bs, *partial;
  int *used, *pending;
} Batch;

static int histBinScaled(int t) {
  if (t < 64) return 0;
  int k = 31 - __builtin_clz((unsigned)t);
  int b = (k - 6) * 8 + ((t >> (k - 3)) & 7);
  return b < HB ? b : HB - 1;
}

static int histBin(double f) {
  uint64_t u;
  memcpy(&u, &f, 8);
  uint32_t hi = (uint32_t)(u >> 32);
  int b = ((int)((hi >> 20) & 0x7ff) - 1023 + 24) * 8 + (int)((hi >> 17) & 7);
  return b < 0 ? 0 : b >= HB ? HB - 1 : b;
}

static void *zalloc(size_t n) {
  void *p = calloc(n ? n : 1, 8);
  if (!p) exit(3);
  return p;
}

static void newBatch(Batch *b, int n) {
  b->n = n;
  b->cap = n <= DIRECT ? 0 : CAP;
  b->sumQ = zalloc(n), b->sumSqQ = zalloc(n), b->nonzero = zalloc(n), b->exceed = zalloc((size_t)n * nThr);
  b->hc = zalloc((size_t)n * HB), b->hs = zalloc((size_t)n * HB);
  b->slots = zalloc((size_t)n * (b->cap ? b->cap : 1)), b->packed = zalloc((size_t)n * HB);
  b->bc = zalloc((size_t)n * HB), b->bs = zalloc((size_t)n * HB), b->partial = zalloc((size_t)n * nThr);
  b->used = zalloc(n), b->pending = zalloc(n);
}

static void unpack(Batch *b, int e) {
  for (int i = e * HB; i < (e + 1) * HB; i++) {
    double c = b->packed[i];
    if (c == 0) continue;
    double count = floor(c / CELL);
    b->bc[i] += count;
    b->bs[i] += c - count * CELL;
    b->packed[i] = 0;
  }
  b->pending[e] = 0;
}

static void compare(Batch *b, int e, int bin, double f) {
  for (int k = 0; k < nThr; k++)
    if (thrBin[k] == bin && f > thr[k]) b->partial[e * nThr + k] += 1;
}

static void cell(Batch *b, int i, double f, double *sumSq, int e) {
  double x = f * QU;
  int q = (int)(x + 0.5);
  int q2 = (q + 16384) >> 15;
  *sumSq += (double)q2 * q2;
  int bin = histBinScaled((int)x);
  if (q <= qCellMax) b->packed[i + bin] += q + CELL;
  else b->bc[i + bin] += 1, b->bs[i + bin] += q;
  if (thrFlag[bin]) compare(b, e, bin, f);
}

static void fold(Batch *b, int e, int n) {
  double s = 0;
  const double *sl = b->slots + (size_t)e * b->cap;
  for (int j = 0; j < n; j++) cell(b, e * HB, sl[j], &s, e);
  b->sumSqQ[e] += s;
  int p = b->pending[e] + n;
  if (p > CEMAX - b->cap) unpack(b, e);
  else b->pending[e] = p;
}

static void add(Batch *b, int e, double f) {
  if (b->cap == 0) {
    cell(b, e * HB, f, &b->sumSqQ[e], e);
    int p = b->pending[e] + 1;
    if (p == CEMAX) unpack(b, e);
    else b->pending[e] = p;
    return;
  }
  int j = b->used[e];
  b->slots[(size_t)e * b->cap + j] = f;
  if (j + 1 == b->cap) fold(b, e, b->cap), b->used[e] = 0;
  else b->used[e] = j + 1;
}

static void finish(Batch *b) {
  double above[HB + 2];
  for (int e = 0; b->cap && e < b->n; e++) {
    if (b->used[e]) fold(b, e, b->used[e]);
    b->used[e] = 0;
  }
  for (int e = 0; e < b->n; e++) {
    unpack(b, e);
    double count = 0, sumQ = 0;
    above[HB + 1] = above[HB] = 0;
    for (int k = HB - 1; k >= 0; k--) count += b->bc[e * HB + k], sumQ += b->bs[e * HB + k], above[k] = count;
    b->sumQ[e] += sumQ;
    b->nonzero[e] += count;
    for (int k = 0; k < nThr; k++) b->exceed[e * nThr + k] += above[thrBin[k] + 1] + b->partial[e * nThr + k];
  }
  for (size_t i = 0; i < (size_t)b->n * HB; i++) b->hc[i] += b->bc[i], b->hs[i] += b->bs[i];
}

static double *take(double **p, size_t n) {
  double *a = *p;
  *p += n;
  return a;
}

static int *ints(double **p, size_t n) {
  int *a = zalloc(n);
  for (size_t i = 0; i < n; i++) a[i] = (int)(*p)[i];
  *p += n;
  return a;
}

static void writeAll(FILE *o, const double *a, size_t n) {
  if (fwrite(a, 8, n, o) != n) exit(4);
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  FILE *fp = fopen(argv[1], "rb");
  if (!fp) return 2;
  fseek(fp, 0, SEEK_END);
  long size = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  double *d = malloc((size_t)size);
  if (!d || fread(d, 1, (size_t)size, fp) != (size_t)size) return 2;
  fclose(fp);
  int nOps = (int)d[0], nSvc = (int)d[1], nE = (int)d[2], nOv = (int)d[3], N = (int)d[4];
  nThr = (int)d[6];
  double *p = d + 7;
  double *opStake = take(&p, nOps), *opExp = take(&p, nOps), *opAlloc = take(&p, nOps);
  int *opEdgeStart = ints(&p, nOps + 1), *edgeSvc = ints(&p, nE);
  double *svcStake = take(&p, nSvc);
  int *svcEdgeStart = ints(&p, nSvc + 1), *svcEdgeOp = ints(&p, nE);
  double *svcEdgeAmt = take(&p, nE);
  int *ovStart = ints(&p, nSvc + 1), *ovSvc = ints(&p, nOv);
  double *ovStake = take(&p, nOv);
  thr = take(&p, nThr);
  double *ev = p;
  qCellMax = floor((CELL - 1) / CEMAX);
  thrBin = zalloc(nThr);
  for (int k = 0; k < nThr; k++) {
    thrBin[k] = thr[k] != thr[k] ? HB : thr[k] > 0 ? histBin(thr[k]) : -1;
    if (thrBin[k] >= 0 && thrBin[k] < HB) thrFlag[thrBin[k]] = 1;
  }
  Batch ob, sb;
  newBatch(&ob, nOps);
  newBatch(&sb, nSvc);
  double *faultCount = zalloc(nSvc), *contagion = zalloc((size_t)nSvc * nSvc), *totals = zalloc(N);
  /* operator record: stamp, Σ w σ_s (lin), Σ d (sum), σ_o, stake, exposure, Σ w (full flag: all 1 here) */
  double *op = zalloc((size_t)nOps * 8);
  for (int o = 0; o < nOps; o++) op[o * 8] = -1, op[o * 8 + 4] = opStake[o], op[o * 8 + 5] = opExp[o], op[o * 8 + 6] = opAlloc[o];
  int *svcStamp = zalloc(nSvc), *touched = zalloc(nOps), *touchedSvc = zalloc(nSvc), *firedSvc = zalloc(nSvc), *firedOp = zalloc(nOps);
  for (int s = 0; s < nSvc; s++) svcStamp[s] = -1;
  double *secLoss = zalloc(nSvc), *svcSev = zalloc(nSvc), *opSev = zalloc(nOps);
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  size_t at = 0;
  for (int i = 0; i < N; i++) {
    int nfs = (int)ev[at++], nfo = (int)ev[at++];
    for (int k = 0; k < nfs; k++, at += 2) firedSvc[k] = (int)ev[at], svcSev[firedSvc[k]] = ev[at + 1];
    for (int k = 0; k < nfo; k++, at += 2) firedOp[k] = (int)ev[at], opSev[firedOp[k]] = ev[at + 1];
    /* sparseSums */
    int nt = 0;
    for (int k = 0; k < nfo; k++) {
      int o = firedOp[k];
      double *r = op + o * 8;
      if (r[0] != i) r[0] = i, touched[nt++] = o, r[2] = 0, r[1] = 0;
      r[3] = opSev[o];
      r[2] += r[6] * opSev[o];
    }
    for (int k = 0; k < nfs; k++) {
      int s = firedSvc[k];
      double ss = svcSev[s];
      for (int e = svcEdgeStart[s]; e < svcEdgeStart[s + 1]; e++) {
        int o = svcEdgeOp[e];
        double *r = op + o * 8;
        if (r[0] != i) r[0] = i, touched[nt++] = o, r[2] = 0, r[1] = 0, r[3] = 0;
        double dd = svcEdgeAmt[e] * ss;
        r[2] += dd * (1 - r[3]);
        r[1] += dd;
      }
    }
    /* operatorLosses (every operator full: the overlap rows carry the linear part) */
    double total = 0;
    int ns = 0;
    for (int k = 0; k < nt; k++) {
      int o = touched[k];
      double *r = op + o * 8;
      double sum = r[2];
      if (!(sum > 0)) continue;
      double loss = sum < r[4] ? sum : r[4];
      double corr = loss - r[1];
      if (corr != 0)
        for (int e = opEdgeStart[o]; e < opEdgeStart[o + 1]; e++) {
          int s = edgeSvc[e];
          if (svcStamp[s] != i) svcStamp[s] = i, touchedSvc[ns++] = s, secLoss[s] = corr;
          else secLoss[s] += corr;
        }
      add(&ob, o, loss / r[5]);
      total += loss;
    }
    for (int k = 0; k < nfs; k++) {
      int s = firedSvc[k];
      double ss = svcSev[s];
      if (!(ss > 0)) continue;
      for (int x = ovStart[s]; x < ovStart[s + 1]; x++) {
        int t = ovSvc[x];
        double v = ss * ovStake[x];
        if (svcStamp[t] != i) svcStamp[t] = i, touchedSvc[ns++] = t, secLoss[t] = v;
        else secLoss[t] += v;
      }
    }
    /* serviceLosses */
    int kept = 0;
    for (int k = 0; k < ns; k++)
      if (secLoss[touchedSvc[k]] > 0) touchedSvc[kept++] = touchedSvc[k];
    for (int k = 0; k < kept; k++) {
      int t = touchedSvc[k];
      secLoss[t] /= svcStake[t];
      add(&sb, t, secLoss[t]);
    }
    for (int j = 0; j < nfs; j++) {
      int s = firedSvc[j];
      faultCount[s] += 1;
      double *row = contagion + (size_t)s * nSvc;
      for (int k = 0; k < kept; k++) row[touchedSvc[k]] += round(secLoss[touchedSvc[k]] * QU); /* = Math.round for x ≥ 0 */
    }
    totals[i] = total;
    for (int k = 0; k < nfs; k++) svcSev[firedSvc[k]] = 0;
    for (int k = 0; k < nfo; k++) opSev[firedOp[k]] = 0;
  }
  finish(&ob);
  finish(&sb);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  FILE *o = fopen(argv[2], "wb");
  if (!o) return 2;
  for (Batch *b = &ob;; b = &sb) {
    writeAll(o, b->sumQ, b->n), writeAll(o, b->sumSqQ, b->n), writeAll(o, b->nonzero, b->n);
    writeAll(o, b->exceed, (size_t)b->n * nThr), writeAll(o, b->hc, (size_t)b->n * HB), writeAll(o, b->hs, (size_t)b->n * HB);
    if (b == &sb) break;
  }
  writeAll(o, faultCount, nSvc), writeAll(o, contagion, (size_t)nSvc * nSvc), writeAll(o, totals, N);
  fclose(o);
  printf("{\"cpuSeconds\": %.6f}\n", (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec));
  return 0;
}
