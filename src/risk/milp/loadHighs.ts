import type { Highs } from 'highs';

let instance: Promise<Highs> | null = null;

/** Loads the HiGHS WASM solver once per process. */
export function loadHighs(): Promise<Highs> {
  instance ??= import('highs').then((m) => (m.default as unknown as () => Promise<Highs>)());
  return instance;
}
