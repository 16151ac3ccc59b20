import { rateKeysMax } from './httpLimits.js';

/**
 * Fixed one-second windows per key (an IP or an account). Counts reset when the second changes,
 * so memory is bounded by the keys seen within one second, and by rateKeysMax: past that, new keys
 * are refused until the window turns (fail closed rather than grow without bound).
 */
export class RateLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for the key; returns the seconds to wait (Retry-After) when over the limit, else 0. */
  take(key: string, weight = 1): number {
    const t = this.now();
    const second = Math.floor(t / 1000);
    if (second !== this.window) {
      this.window = second;
      this.counts.clear();
    }
    const used = this.counts.get(key);
    if (used === undefined && this.counts.size >= rateKeysMax) return 1;
    const next = (used ?? 0) + weight;
    if (next > this.perSecond) return 1;
    this.counts.set(key, next);
    return 0;
  }
}
