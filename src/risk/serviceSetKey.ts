/** A service set's identity whatever the order of its ids (map keys of the restricted searches and the warm repairs). */
export function serviceSetKey(services: readonly string[]): string {
  return [...services].sort().join('\u0000');
}
