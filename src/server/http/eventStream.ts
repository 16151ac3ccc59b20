import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServiceApi, LogEntry } from '../service/serviceApi.js';
import { HttpError } from './httpError.js';
import type { HttpLimits } from './httpLimits.js';
import type { HttpMetrics } from './httpMetrics.js';

/** Commands that slash or ask for a slash: each also gets a `slash` event (same id). */
const slashTypes: ReadonlySet<string> = new Set(['slash', 'executeSlash', 'submitEvidence']);
/** Milliseconds a browser EventSource waits before reconnecting. */
const retryMs = 1000;

interface Client {
  readonly res: ServerResponse;
  lastSent: number;
  live: boolean;
  /** Entries committed while the client was still replaying the log. */
  readonly pending: LogEntry[];
}

function frames(entry: LogEntry): string {
  const { account, nonce, command } = entry.envelope;
  const data = { seq: entry.seq, block: entry.block, hash: entry.hash, account, nonce, command };
  let out = `id: ${entry.seq}\nevent: command\ndata: ${JSON.stringify(data)}\n\n`;
  if (slashTypes.has(command.type))
    out += `id: ${entry.seq}\nevent: slash\ndata: ${JSON.stringify({ seq: entry.seq, block: entry.block, ...command })}\n\n`;
  return out;
}

/**
 * GET /v1/events: Server-Sent Events of committed commands (and slashes), id = seq. A client
 * resumes with Last-Event-ID (or ?after=): the hub replays the log after it, then goes live with
 * the commits it buffered meanwhile, so no seq is skipped or sent twice. Bounded: sseClientsMax
 * clients, sseBufferBytesMax unread bytes each (a slow client is dropped and can resume).
 */
export class EventHub {
  private readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly service: LedgerServiceApi,
    private readonly limits: HttpLimits,
    private readonly metrics: HttpMetrics,
  ) {
    this.unsubscribe = service.onCommit((e) => {
      for (const c of this.clients) for (const entry of e.entries) this.deliver(c, entry);
    });
    this.heartbeat = setInterval(() => {
      for (const c of this.clients) this.write(c, ': heartbeat\n\n');
    }, limits.sseHeartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  private write(c: Client, text: string): void {
    if (c.res.destroyed) return;
    c.res.write(text);
    if (c.res.writableLength > this.limits.sseBufferBytesMax) c.res.destroy();
  }

  private deliver(c: Client, entry: LogEntry): void {
    if (!c.live) {
      c.pending.push(entry);
      return;
    }
    if (entry.seq <= c.lastSent) return;
    this.write(c, frames(entry));
    c.lastSent = entry.seq;
  }

  async open(request: FastifyRequest, reply: FastifyReply, after: number | undefined): Promise<void> {
    if (this.clients.size >= this.limits.sseClientsMax)
      throw new HttpError(503, 'TOO_MANY_CLIENTS', `at most ${this.limits.sseClientsMax}`);
    const header = request.headers['last-event-id'];
    const fromHeader = typeof header === 'string' && /^(0|[1-9][0-9]{0,14})$/.test(header) ? Number(header) : undefined;
    if (header !== undefined && fromHeader === undefined) throw new HttpError(400, 'BAD_FIELD', 'Last-Event-ID must be a seq');
    const start = fromHeader ?? after ?? this.service.head().seq;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${retryMs}\n\n`);
    const c: Client = { res, lastSent: start, live: false, pending: [] };
    this.clients.add(c);
    this.metrics.sseClients.set(this.clients.size);
    res.on('close', () => {
      this.clients.delete(c);
      this.metrics.sseClients.set(this.clients.size);
    });
    await this.replay(c);
  }

  private async replay(c: Client): Promise<void> {
    try {
      for (;;) {
        const page = await this.service.log(c.lastSent, this.limits.pageSizeMax);
        for (const entry of page) {
          this.write(c, frames(entry));
          c.lastSent = entry.seq;
        }
        if (page.length < this.limits.pageSizeMax || c.res.destroyed) break;
      }
      c.live = true;
      for (const entry of c.pending.splice(0)) this.deliver(c, entry);
    } catch {
      c.res.destroy(); // the client reconnects with Last-Event-ID
    }
  }

  /**
   * A live-only event (risk figures, alerts, job progress): no `id:` line, so it leaves the client's
   * Last-Event-ID at the last command's seq and resumption by seq is untouched; clients still
   * replaying the log do not get it (it would arrive out of order), and nothing replays it later.
   */
  publishLive(event: 'metrics' | 'exact' | 'alert' | 'job', data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) if (c.live) this.write(c, frame);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }
}
