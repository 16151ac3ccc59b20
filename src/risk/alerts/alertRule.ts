/** Alert rules of SPEC §10, owned by the account that created them. */
export type AlertCondition =
  /** A figure (path in the metrics document, e.g. "/network/slack", "/services/x/margin") crossing a threshold. */
  | { readonly kind: 'threshold'; readonly metric: string; readonly direction: 'above' | 'below'; readonly threshold: string }
  /** A boolean figure (default "/network/secure") changing value. */
  | { readonly kind: 'verdict'; readonly metric: string }
  /** A slash touching an operator, an operator set (service) or a vault. */
  | { readonly kind: 'slash'; readonly entity: 'operator' | 'set' | 'vault'; readonly id: string }
  /** A vault's or LRT's look-through exposure total rising above a limit. */
  | { readonly kind: 'exposure'; readonly target: 'vault' | 'lrt'; readonly id: string; readonly limit: string };

export interface AlertRule {
  readonly id: string;
  readonly owner: string;
  readonly condition: AlertCondition;
  /** Webhook URL (http or https); omitted: SSE only. */
  readonly webhook: string | null;
}

/** A slash as the rules see it (from the committed commands). */
export interface SlashEvent {
  readonly operator: string;
  readonly set: string;
  readonly vaults: readonly string[];
  readonly seq: number;
}

/** What fired: the rule, the state, and the before/after values. `id` is deterministic: the same firing twice has one id. */
export interface AlertEvent {
  readonly id: string;
  readonly ruleId: string;
  readonly owner: string;
  readonly kind: AlertCondition['kind'];
  readonly block: number;
  readonly seq: number;
  readonly stateHash: string;
  readonly subject: string;
  readonly before: unknown;
  readonly after: unknown;
}
