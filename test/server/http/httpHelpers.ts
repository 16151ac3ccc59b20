import type { FastifyInstance } from 'fastify';

/** Listens on 127.0.0.1, port 0; returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}

export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Headers;
}

export async function call(url: string, init?: RequestInit): Promise<Answer> {
  const r = await fetch(url, init);
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics, HTML)
  }
  return { status: r.status, body, headers: r.headers };
}

export const postJson = (url: string, value: unknown): Promise<Answer> =>
  call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof value === 'string' ? value : JSON.stringify(value),
  });

export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Reads Server-Sent Events until `count` events (comments excluded) arrived or `timeoutMs` passed. */
export async function readEvents(url: string, count: number, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<SseEvent[]> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const r = await fetch(url, { headers, signal: ctl.signal });
    if (!r.body) return events;
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const fields = new Map<string, string>();
        for (const line of frame.split('\n')) {
          if (line.startsWith(':') || line === '') continue;
          const i = line.indexOf(':');
          fields.set(line.slice(0, i), line.slice(i + 1).trimStart());
        }
        if (!fields.has('data')) continue;
        events.push({ id: fields.get('id'), event: fields.get('event') ?? 'message', data: JSON.parse(fields.get('data') ?? 'null') });
        if (events.length >= count) return events;
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
  return events;
}
