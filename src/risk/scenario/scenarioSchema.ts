import { z } from 'zod';

/** A probability-like number: a plain number or a decimal / "p/q" string. */
const numeric = z.union([
  z.number().finite(),
  z
    .string()
    .regex(/^(-?[0-9]+(\.[0-9]+)?|[0-9]+\/[1-9][0-9]*)$/, 'a decimal string or "p/q"')
    .transform((s) => {
      const m = /^([0-9]+)\/([0-9]+)$/.exec(s);
      return m ? Number(m[1]) / Number(m[2]) : Number(s);
    }),
]);
const prob = numeric.pipe(z.number().min(0).max(1));
const openUnit = numeric.pipe(z.number().gt(0).lt(1));
const nonNeg = numeric.pipe(z.number().min(0));

export const severitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: prob }).strict(),
  z.object({ kind: z.literal('uniform'), min: prob, max: prob }).strict(),
  z
    .object({
      kind: z.literal('beta'),
      alpha: numeric.pipe(z.number().gt(0).max(1e4)),
      beta: numeric.pipe(z.number().gt(0).max(1e4)),
      scale: prob.default(1),
    })
    .strict(),
]);

/** Factor membership of an entity: a list of factor ids (default loadings) or id → loading. */
const factorRefs = z.union([z.array(z.string()), z.record(z.string(), numeric.pipe(z.number().gt(-1).lt(1)))]);

const idSchema = z.string().min(1).max(128);

const serviceFault = z
  .object({
    id: idSchema,
    faultProbability: prob.optional(),
    severity: severitySchema.optional(),
    feeRate: nonNeg.optional(),
    factors: factorRefs.optional(),
  })
  .strict();
const operatorFault = z
  .object({ id: idSchema, faultProbability: prob.optional(), severity: severitySchema.optional(), factors: factorRefs.optional() })
  .strict();

const factor = z
  .object({
    id: idSchema,
    kind: z.enum(['client', 'cloud', 'keys', 'lrt', 'market', 'other']).default('other'),
    /** Gaussian copula loading of the members, in (−1, 1). */
    loading: numeric.pipe(z.number().gt(-1).lt(1)).optional(),
    /**
     * Bernoulli-mixture (common shock) factor instead: the shock happens with `probability` per
     * period and then each member faults (in addition) with `faultProbability`.
     */
    shock: z.object({ probability: prob, faultProbability: prob }).strict().optional(),
    /** "all" (every operator and service), "operators", "services", or a list of entity ids. */
    members: z.union([z.enum(['all', 'operators', 'services']), z.array(idSchema)]).optional(),
  })
  .strict()
  .refine(
    (f) => (f.loading === undefined) !== (f.shock === undefined),
    'a factor has either a loading (Gaussian) or a shock (Bernoulli mixture)',
  );

const holding = z.union([
  z.object({ operator: idSchema, service: idSchema, amount: nonNeg }).strict(),
  z.object({ operator: idSchema, amount: nonNeg }).strict(),
  z.object({ position: idSchema, share: prob }).strict(),
]);
const cover = z.object({ position: idSchema, deductible: nonNeg.default(0), limit: nonNeg }).strict();
const position = z
  .object({
    id: idSchema,
    kind: z.enum(['staker', 'vault', 'lrt', 'insurance']),
    holdings: z.array(holding).default([]),
    covers: z.array(cover).default([]),
    capital: nonNeg.optional(),
    /** Numeraire value of natively restaked ETH (EigenPod shares) in the position: it loads on the base layer. */
    native: nonNeg.optional(),
  })
  .strict();

/** The base layer (beacon-chain slashing) every native position loads on (docs/simulate.md). */
const baseLayer = z
  .object({
    probability: prob.optional(),
    faultProbability: prob.optional(),
    severity: severitySchema.optional(),
    idiosyncraticProbability: prob.optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    network: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    defaults: z
      .object({
        service: z
          .object({ faultProbability: prob.optional(), severity: severitySchema.optional(), feeRate: nonNeg.optional() })
          .strict()
          .optional(),
        operator: z.object({ faultProbability: prob.optional(), severity: severitySchema.optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    factors: z.array(factor).default([]),
    services: z.array(serviceFault).default([]),
    operators: z.array(operatorFault).default([]),
    positions: z.array(position).default([]),
    baseLayer: baseLayer.optional(),
    simulation: z
      .object({
        scenarios: z.number().int().min(1).optional(),
        seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        levels: z.array(openUnit).min(1).optional(),
        lossThresholds: z.array(openUnit).optional(),
      })
      .strict()
      .optional(),
    pricing: z
      .object({
        targetReturn: numeric.optional(),
        costOfCapital: nonNeg.optional(),
        tailLevel: openUnit.optional(),
        loading: nonNeg.optional(),
      })
      .strict()
      .optional(),
    optimize: z
      .object({
        budget: numeric.pipe(z.number().gt(0)).optional(),
        lambda: nonNeg.optional(),
        level: openUnit.optional(),
        scenarios: z.number().int().min(10).optional(),
        mode: z.enum(['unique', 'elastic']).optional(),
        candidates: z.number().int().min(1).optional(),
        maxPerPair: prob.optional(),
        maxPerOperator: prob.optional(),
        maxPerService: prob.optional(),
        minServiceStake: z.record(z.string(), nonNeg).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RawScenario = z.infer<typeof scenarioSchema>;
export type RawSeverity = z.infer<typeof severitySchema>;
