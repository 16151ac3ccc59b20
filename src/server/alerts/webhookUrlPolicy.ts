import { isIP } from 'node:net';

/**
 * Where webhooks may point (SSRF, docs/server.md): the server itself fetches these URLs, so by default it refuses
 * loopback, private, link-local and unspecified addresses written as IP literals or `localhost`. `allowPrivate`
 * lifts that (tests, a receiver on the same host); `allowHosts`, when given, is the complete list of host names
 * or IP literals a webhook may name (the strong control: a public name that resolves to a private address is
 * only stopped by it, or by an egress firewall).
 */
export interface WebhookUrlPolicy {
  readonly allowPrivate: boolean;
  readonly allowHosts?: readonly string[] | undefined;
}

export const defaultWebhookUrlPolicy: WebhookUrlPolicy = { allowPrivate: false };

function privateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168)
  );
}

function privateV6(ip: string): boolean {
  const s = ip.toLowerCase();
  const mapped = /^::ffff:([0-9.]+)$/.exec(s);
  if (mapped) return privateV4(mapped[1]!);
  return s === '::' || s === '::1' || /^f[cd]/.test(s) || /^fe[89ab]/.test(s) || s.startsWith('::ffff:');
}

/** Whether `host` (a URL hostname, IPv6 in brackets) is loopback, private, link-local or unspecified. */
export function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const kind = isIP(h);
  return kind === 4 ? privateV4(h) : kind === 6 ? privateV6(h) : false;
}

/** Null when the policy lets the server POST to `url`, else why not. */
export function webhookUrlRefusal(url: string, policy: WebhookUrlPolicy): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https webhooks';
  if (u.username !== '' || u.password !== '') return 'credentials in a webhook URL are refused (use the signature)';
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowHosts && policy.allowHosts.length > 0)
    return policy.allowHosts.some((a) => a.toLowerCase() === host) ? null : `host ${host.slice(0, 100)} is not in the webhook allowlist`;
  if (!policy.allowPrivate && isPrivateHost(host))
    return `host ${host.slice(0, 100)} is loopback or private (the server refuses it unless allowed)`;
  return null;
}
