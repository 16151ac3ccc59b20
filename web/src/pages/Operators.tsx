import { api, type Json, type JsonObject } from '../api';
import { Figure } from '../components/Figure';
import { Status } from '../components/Status';
import { num, Table } from '../components/Table';
import { formatNumber, formatWad } from '../format';
import { metric, obj, str } from '../metric';
import { href } from '../router';
import { useApi, type Loaded } from '../useApi';

/** Log entries scanned for an operator's slashing history (newest pages are enough for a page view). */
const historyScanMax = 5000;
const logPage = 500;

export function OperatorsPage({ seq }: { seq: number }) {
  const risk = useApi((s) => api.risk(s), [seq]);
  const rows = risk.state === 'ok' ? Object.entries(obj(risk.data.operators)).map(([id, m]) => ({ id, m: obj(m) })) : [];
  const v = (r: { m: JsonObject }, n: string) => str(metric(r.m, n).value as Json);
  return (
    <section aria-labelledby="operators-title">
      <h1 id="operators-title">Operators</h1>
      <Status loaded={risk} what="operator metrics" />
      <Table
        caption="Operators by stake"
        rows={rows}
        rowKey={(r) => r.id}
        initialSort={{ key: 'stake', desc: true }}
        columns={[
          { key: 'id', label: 'Operator', sort: (r) => r.id, render: (r) => <a href={href('operators', r.id)}>{r.id}</a> },
          { key: 'stake', label: 'Stake', numeric: true, sort: (r) => num(v(r, 'stake')), render: (r) => <Num v={v(r, 'stake')} /> },
          {
            key: 'allocated',
            label: 'Allocated',
            numeric: true,
            sort: (r) => num(v(r, 'allocated')),
            render: (r) => <Num v={v(r, 'allocated')} />,
          },
          { key: 'degree', label: 'Services', numeric: true, sort: (r) => num(v(r, 'degree')), render: (r) => <Num v={v(r, 'degree')} /> },
          {
            key: 'margin',
            label: 'Certificate margin',
            numeric: true,
            sort: (r) => num(v(r, 'certificateMargin')),
            render: (r) => <Num v={v(r, 'certificateMargin')} />,
          },
        ]}
      />
    </section>
  );
}

function Num({ v }: { v: string }) {
  return (
    <span data-value={v} title={v}>
      {formatNumber(v)}
    </span>
  );
}

interface AllocRow {
  key: string;
  set: string;
  vault: string;
  current: string;
  pending: string;
  effectBlock: string;
  slashable: string;
}

export function OperatorPage({ id, seq }: { id: string; seq: number }) {
  const ledger = useApi((s) => api.entity('operators', id, s), [id, seq]);
  const risk = useApi((s) => api.riskOf('operators', id, s), [id, seq]);
  const history = useApi((s) => slashHistory(id, s), [id, seq]);
  const op = ledger.state === 'ok' ? obj(ledger.data) : {};
  const rows = allocRows(op);
  const m = risk.state === 'ok' ? obj(risk.data) : {};
  return (
    <section aria-labelledby="operator-title">
      <h1 id="operator-title">Operator {id}</h1>
      <Status loaded={ledger} what={`operator ${id}`} />
      <dl class="figures">
        {(
          [
            ['Stake', 'stake'],
            ['Allocated', 'allocated'],
            ['Restaking degree', 'degree'],
            ['Certificate margin', 'certificateMargin'],
          ] as const
        ).map(([label, name]) => {
          const f = metric(m, name);
          return <Figure key={name} label={label} name={name} value={f.value} proof={f.proof} />;
        })}
        <Figure label="Allocation mode" name="allocationMode" value={str(op.allocationMode)} text={str(op.allocationMode) || '—'} />
        <Figure label="Commission (bips)" name="commissionBips" value={str(op.commissionBips)} />
      </dl>
      <AllocationTable rows={rows} />
      <SlashHistory history={history} />
    </section>
  );
}

function allocRows(op: JsonObject): AllocRow[] {
  const rows: AllocRow[] = [];
  for (const [set, byVault] of Object.entries(obj(op.sets)))
    for (const [vault, a] of Object.entries(obj(byVault))) {
      const x = obj(a);
      rows.push({
        key: `${set}/${vault}`,
        set,
        vault,
        current: str(x.currentMagnitude),
        pending: str(x.pendingMagnitude),
        effectBlock: str(x.effectBlock),
        slashable: str(x.slashableStake),
      });
    }
  return rows;
}

function AllocationTable({ rows }: { rows: AllocRow[] }) {
  return (
    <Table
      caption="Allocations (magnitudes as fractions of the operator's stake; slashable stake in vault share base units)"
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'set', label: 'Operator set', sort: (r) => r.set, render: (r) => <a href={href('services', r.set)}>{r.set}</a> },
        { key: 'vault', label: 'Vault', sort: (r) => r.vault, render: (r) => r.vault },
        {
          key: 'current',
          label: 'Current magnitude',
          numeric: true,
          sort: (r) => num(r.current),
          render: (r) => (
            <span data-value={r.current} title={r.current}>
              {formatWad(r.current)}
            </span>
          ),
        },
        {
          key: 'pending',
          label: 'Pending',
          numeric: true,
          render: (r) => (
            <span data-value={r.pending} title={r.pending}>
              {formatWad(r.pending)}
            </span>
          ),
        },
        { key: 'effect', label: 'Effect block', numeric: true, render: (r) => r.effectBlock || '—' },
        {
          key: 'slashable',
          label: 'Slashable stake',
          numeric: true,
          sort: (r) => num(r.slashable),
          render: (r) => (
            <span data-value={r.slashable} title={r.slashable}>
              {formatNumber(r.slashable)}
            </span>
          ),
        },
      ]}
    />
  );
}

function SlashHistory({ history }: { history: Loaded<SlashEntry[]> }) {
  return (
    <>
      <h2>Slashing history</h2>
      <Status loaded={history} what="the log" />
      {history.state === 'ok' &&
        (history.data.length === 0 ? (
          <p>No slash of this operator in the log.</p>
        ) : (
          <ul class="feed">
            {history.data.map((h) => (
              <li key={h.seq}>
                seq {h.seq}, block {h.block}: <code>{h.type}</code> of set {h.set} (fraction <span data-value={h.wad}>{h.wad}</span>)
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

interface SlashEntry {
  seq: number;
  block: number;
  type: string;
  set: string;
  wad: string;
}

const slashTypes = new Set(['slash', 'executeSlash', 'submitEvidence', 'vetoSlash']);

/** Slash commands naming the operator, read from the public log (bounded scan). */
async function slashHistory(operator: string, signal: AbortSignal): Promise<SlashEntry[]> {
  const out: SlashEntry[] = [];
  let after = 0;
  while (after < historyScanMax) {
    const page = await api.log(after, logPage, signal);
    const entries = Array.isArray(page.entries) ? page.entries : Array.isArray(page) ? (page as unknown as Json[]) : [];
    for (const e of entries) {
      const entry = obj(e);
      const command = obj(obj(entry.envelope).command);
      if (slashTypes.has(str(command.type)) && str(command.operator) === operator) {
        out.push({
          seq: Number(entry.seq),
          block: Number(entry.block),
          type: str(command.type),
          set: str(command.set),
          wad: str(command.wad),
        });
      }
    }
    if (entries.length < logPage) break;
    after = Number(obj(entries[entries.length - 1]).seq);
  }
  return out.reverse();
}
