import type { Json, LiveEvent } from '../api';
import { api } from '../api';
import { Status } from '../components/Status';
import { obj, str } from '../metric';
import { href } from '../router';
import { useApi } from '../useApi';

/** Slash commands shown from the log when the page opens (newest first). */
const historyMax = 200;
/** Log entries read when the page opens: the newest, one API page. */
const logWindow = 1000;
const slashTypes = new Set(['slash', 'executeSlash', 'submitEvidence', 'vetoSlash', 'beaconChainSlash']);

/** Slashing and alert feed: what the log already holds, then everything the server streams. */
export function Feed({ events, seq }: { events: LiveEvent[]; seq: number }) {
  const ledger = events.filter((e) => e.type !== 'alert');
  const history = useApi(
    async (s) => {
      const head = await api.head(s);
      const after = Math.max(0, head.seq - logWindow);
      const page = await api.log(after, logWindow, s);
      const entries = Array.isArray(page.entries) ? page.entries : [];
      return entries
        .map((e) => obj(e))
        .filter((e) => slashTypes.has(str(obj(obj(e.envelope).command).type)))
        .slice(-historyMax)
        .reverse();
    },
    [seq],
  );
  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Slashes and alerts</h1>
      <Alerts events={events.filter((e) => e.type === 'alert')} />
      <h2>Live</h2>
      {ledger.length === 0 ? (
        <p>Waiting for the next block…</p>
      ) : (
        <ol class="feed" aria-live="polite" data-live-events={ledger.length}>
          {ledger.map((e, i) => (
            <li key={`${e.id}-${e.type}-${i}`} data-event-type={e.type} data-event-id={e.id}>
              <code>{e.type}</code> {describe(e)}
            </li>
          ))}
        </ol>
      )}
      <h2>Slashes in the log</h2>
      <Status loaded={history} what="the log" />
      {history.state === 'ok' &&
        (history.data.length === 0 ? (
          <p>No slash in the last {logWindow.toLocaleString('en-US')} log entries.</p>
        ) : (
          <ol class="feed">
            {history.data.map((e) => {
              const c = obj(obj(e.envelope).command);
              const op = str(c.operator);
              const set = str(c.set);
              return (
                <li key={str(e.seq)}>
                  seq {str(e.seq)}, block {str(e.block)}: <code>{str(c.type)}</code>
                  {op !== '' && (
                    <>
                      {' '}
                      operator <a href={href('operators', op)}>{op}</a>
                    </>
                  )}
                  {set !== '' && (
                    <>
                      {' '}
                      in set <a href={href('services', set)}>{set}</a>
                    </>
                  )}
                  {str(c.request) !== '' && <> of request {str(c.request)}</>}
                </li>
              );
            })}
          </ol>
        ))}
    </section>
  );
}

function describe(e: LiveEvent): string {
  const d = e.data;
  const command = obj(d.command ?? obj(d.envelope).command);
  const parts = [`seq ${e.id}`];
  if (command.type) parts.push(`${str(command.type)}`);
  for (const k of ['operator', 'set', 'staker', 'service', 'rule', 'metric'])
    if (command[k] ?? d[k]) parts.push(`${k} ${str(command[k] ?? d[k])}`);
  return parts.join(' · ');
}

/**
 * Alert events of the rules accounts set with POST /v1/alerts (docs/alerts.md), as they arrive on the event stream:
 * the rule, what it watches (`subject`), its kind and the values before and after the block that fired it.
 */
function Alerts({ events }: { events: LiveEvent[] }) {
  return (
    <>
      <h2>Alerts</h2>
      {events.length === 0 ? (
        <p data-alerts="0">No alert since this page opened: alerts of every rule appear here as the server fires them.</p>
      ) : (
        <ol class="feed" aria-live="polite" data-alerts={events.length}>
          {events.map((e, i) => {
            // the event itself, or wrapped as { event } by the stream
            const a = obj(e.data.event ?? e.data);
            const id = str(a.id) || e.id;
            return (
              <li key={`${id}-${i}`} data-alert-id={id} data-alert-rule={str(a.ruleId)}>
                <strong>{str(a.kind) || 'alert'}</strong> on <code>{str(a.subject)}</code>: {value(a.before)} → {value(a.after)} at block{' '}
                {str(a.block)}, seq {str(a.seq)} (rule {str(a.ruleId)})
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

function value(v: Json | undefined): string {
  if (v === undefined || v === null) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
