import type { Attack } from './attack.js';
import type { AnalyzeReport, SecurityFigures } from './analyzeNetwork.js';
import { exactString as x } from './exactString.js';

function attackJson(a: Attack | null): unknown {
  if (!a) return null;
  return {
    services: a.services,
    operators: a.operators,
    edges: a.edges,
    revenue: x(a.revenue),
    cost: x(a.cost),
    profit: x(a.profit),
  };
}

function figuresJson(f: SecurityFigures): Record<string, unknown> {
  // no prototype: every id is an own key, whatever it is called
  const operators: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [id, e] of f.operatorCondition.operators) {
    operators[id] = { lhs: x(e.lhs), stake: x(e.stake), margin: x(e.margin), holds: e.holds };
  }
  return {
    secure: f.secure,
    bestAttack: attackJson(f.bestAttack),
    slack: f.slack.gamma ? x(f.slack.gamma) : null,
    operatorCondition: {
      holds: f.operatorCondition.holds,
      impliesSecurity: f.operatorCondition.impliesSecurity,
      unbackedServices: f.operatorCondition.unbackedServices,
      overpricedServices: f.operatorCondition.overpricedServices,
      operators,
    },
    ...(f.worstLoss
      ? {
          worstLoss: {
            psi: x(f.worstLoss.psi),
            loss: x(f.worstLoss.loss),
            shock: f.worstLoss.shock,
            attack: attackJson(f.worstLoss.attack),
            ...(f.worstLoss.exact ? {} : { upperBound: f.worstLoss.upperBound ? x(f.worstLoss.upperBound) : null }),
          },
        }
      : {}),
    slackAttack: attackJson(f.slack.attack),
    exact: {
      bestAttack: f.bestAttackExact,
      slack: f.slack.exact,
      ...(f.worstLoss ? { worstLoss: f.worstLoss.exact } : {}),
    },
    bounds: {
      profitUpperBound: f.profitUpperBound ? x(f.profitUpperBound) : null,
      slackLowerBound: f.slack.exact ? (f.slack.gamma ? x(f.slack.gamma) : null) : f.slack.lowerBound ? x(f.slack.lowerBound) : null,
    },
  };
}

/** The `analyze --json` object (SPEC §5 contract plus exactness flags and optional sections); exact numbers. */
export function analyzeReportJson(r: AnalyzeReport): Record<string, unknown> {
  return {
    ...figuresJson(r),
    ...(r.heuristic ? { heuristic: true } : {}),
    ...(r.source ? { source: { commands: r.source.commands, failed: r.source.failed, firstFailure: r.source.firstFailure } } : {}),
    ...(r.byzantine ? { byzantine: { services: r.byzantine.services, slashed: x(r.byzantine.slashed) } } : {}),
    ...(r.cascade
      ? {
          cascade: {
            steps: r.cascade.steps.map((s) => ({ attack: attackJson(s.attack), stakeLost: x(s.stakeLost) })),
            stakeLost: x(r.cascade.stakeLost),
            loss: x(r.cascade.lossFraction),
            fallenServices: r.cascade.fallenServices,
            exact: r.cascade.exact,
          },
        }
      : {}),
    network: {
      operators: r.size.operators,
      services: r.size.services,
      allocations: r.size.allocations,
      totalStake: x(r.size.totalStake),
      totalProfitFromCorruption: x(r.size.totalPfc),
    },
  };
}
