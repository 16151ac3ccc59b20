// The dashboard's only data source: the HTTP API of `stakemesh serve` (SPEC §9, §10) on the same
// origin. Every number shown comes from these answers, unchanged (exact strings).

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON document; API errors (`{ code, message }`) become ApiError. */
export async function getJson<T = JsonObject>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, signal });
  const body = (await res.json().catch(() => null)) as JsonObject | null;
  if (!res.ok) {
    const code = typeof body?.code === 'string' ? body.code : `HTTP_${res.status}`;
    const message = typeof body?.message === 'string' ? body.message : res.statusText;
    throw new ApiError(res.status, code, message);
  }
  if (body === null) throw new ApiError(res.status, 'BAD_RESPONSE', `${path}: the answer is not JSON`);
  return body as T;
}

export interface Head {
  chainId: number;
  seq: number;
  block: number;
  stateHash: string;
  logHash: string;
}

/** The network view of SPEC §5 in one numeraire: what the risk engine reasons about. */
export interface NetworkView {
  operators: { id: string; stake: string }[];
  services: { id: string; profitFromCorruption: string; attackThreshold: string }[];
  allocations: { operator: string; service: string; amount: string }[];
}

export const api = {
  head: (s?: AbortSignal) => getJson<Head>('/v1/head', s),
  network: (s?: AbortSignal) => getJson<NetworkView>('/v1/network', s),
  risk: (s?: AbortSignal) => getJson('/v1/risk', s),
  riskOf: (kind: 'services' | 'operators' | 'stakers', id: string, s?: AbortSignal) =>
    getJson(`/v1/risk/${kind}/${encodeURIComponent(id)}`, s),
  entity: (kind: EntityKind, id: string, s?: AbortSignal) => getJson(`/v1/${kind}/${encodeURIComponent(id)}`, s),
  list: (kind: 'operators' | 'services', s?: AbortSignal) => getJson(`/v1/${kind}`, s),
  log: (after: number, limit: number, s?: AbortSignal) => getJson(`/v1/log?after=${after}&limit=${limit}`, s),
};

export type EntityKind = 'operators' | 'services' | 'stakers' | 'vaults' | 'lrts' | 'insurance' | 'sets';

export interface LiveEvent {
  type: string;
  id: string;
  data: JsonObject;
}

/** Subscribes to the server's Server-Sent Events; the browser resumes with Last-Event-ID itself. */
export function subscribe(onEvent: (e: LiveEvent) => void, onState?: (open: boolean) => void): () => void {
  const source = new EventSource('/v1/events');
  source.onopen = () => onState?.(true);
  source.onerror = () => onState?.(source.readyState === EventSource.OPEN);
  const handler = (ev: MessageEvent<string>) => {
    try {
      onEvent({ type: ev.type, id: ev.lastEventId, data: JSON.parse(ev.data) as JsonObject });
    } catch {
      // a malformed event is ignored; the next commit refreshes the page's data anyway
    }
  };
  for (const type of ['message', 'command', 'commit', 'slash', 'alert', 'metrics', 'exact', 'exactFailed', 'job']) {
    source.addEventListener(type, handler as EventListener);
  }
  return () => source.close();
}
