/** A slash to issue: which set, operator and vaults, how much, and on whose authority. */
export interface SlashOrder {
  readonly set: string;
  readonly operator: string;
  /** Vaults to slash; every vault of the set when absent. */
  readonly vaults?: readonly string[] | undefined;
  readonly wad: bigint;
  /** Who issues it: the set's slasher, or a condition's evidence id (§3.5). */
  readonly source:
    { readonly kind: 'slasher'; readonly caller?: string | undefined } | { readonly kind: 'evidence'; readonly evidence: string };
}
