import type { LedgerServiceApi, LogEntry } from '../service/serviceApi.js';

/** Log entries read per page while indexing. */
const scanPage = 1000;

/**
 * The last nonce each account used, for GET /v1/accounts/{account} (what `stakemesh submit` signs
 * next). Built once from the log on first use and kept current from commit events; taking the
 * maximum makes an entry seen twice (by the scan and by an event) harmless, so no commit between
 * the subscription and the end of the scan is missed.
 */
export class AccountNonces {
  private readonly last = new Map<string, bigint>();
  private scan: Promise<void> | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly service: LedgerServiceApi) {
    this.unsubscribe = service.onCommit((e) => {
      for (const entry of e.entries) this.note(entry);
    });
  }

  private note(entry: LogEntry): void {
    const n = BigInt(entry.envelope.nonce);
    const prev = this.last.get(entry.envelope.account);
    if (prev === undefined || n > prev) this.last.set(entry.envelope.account, n);
  }

  private async scanLog(): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await this.service.log(after, scanPage);
      for (const entry of page) this.note(entry);
      const lastEntry = page[page.length - 1];
      if (lastEntry === undefined) return;
      after = lastEntry.seq;
    }
  }

  /** The last nonce the account used (0n when none). */
  async lastNonce(account: string): Promise<bigint> {
    // The service's own count when it offers one (no scan of the log needed).
    if (this.service.nextNonce) return BigInt(this.service.nextNonce(account)) - 1n;
    if (this.scan === null) {
      this.scan = this.scanLog();
      this.scan.catch(() => {
        this.scan = null; // a failed scan is retried by the next request
      });
    }
    await this.scan;
    return this.last.get(account) ?? 0n;
  }

  close(): void {
    this.unsubscribe();
  }
}
