import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LedgerServiceApi } from '../service/serviceApi.js';

export interface HttpMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;
  readonly commits: Counter;
  readonly commands: Counter;
  readonly sseClients: Gauge;
}

/** Prometheus metrics of one server (its own registry, so several servers can live in one process). */
export function createHttpMetrics(service: LedgerServiceApi): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'stakemesh_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'stakemesh_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const commits = new Counter({ name: 'stakemesh_commits_total', help: 'Transactions committed to the log', registers: [registry] });
  const commands = new Counter({ name: 'stakemesh_commands_total', help: 'Commands committed to the log', registers: [registry] });
  const sseClients = new Gauge({ name: 'stakemesh_sse_clients', help: 'Connected /v1/events clients', registers: [registry] });
  new Gauge({
    name: 'stakemesh_head_seq',
    help: 'Seq of the last committed command',
    registers: [registry],
    collect() {
      this.set(service.head().seq);
    },
  });
  new Gauge({
    name: 'stakemesh_head_block',
    help: 'Ledger block at the head',
    registers: [registry],
    collect() {
      this.set(service.head().block);
    },
  });
  return { registry, requests, latency, commits, commands, sseClients };
}
