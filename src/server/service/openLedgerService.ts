import { randomBytes } from 'node:crypto';
import { StakemeshFailure } from '../../errors/result.js';
import { initMeta, readMeta } from '../../store/meta.js';
import { migrate, migrations } from '../../store/migrate.js';
import { openSqlPort } from '../../store/openSqlPort.js';
import { intOf, type SqlPort } from '../../store/sqlPort.js';
import { accountKind } from '../envelope/envelopeBounds.js';
import { signerKeyOf, type SignerKey } from '../envelope/signerKey.js';
import { LedgerService } from './ledgerService.js';
import { loadLedger } from './loadLedger.js';
import type { LedgerServiceApi, ServiceOptions } from './serviceApi.js';

/**
 * Opens the ledger service (SPEC §9) on PGlite under `<dataDir>/pgdata` or on `options.database`:
 * migrates the schema, takes the single-writer lock (a second opener, or `follow`, is read-only
 * and tails the log), verifies the hash chain, loads the newest snapshot and replays the rest.
 * Throws StakemeshFailure (LOG_CORRUPT naming the first bad seq, CHAIN_ID_MISMATCH,
 * DATA_DIR_IN_USE, BAD_FIELD for bad options) instead of starting on a bad store.
 */
export async function openLedgerService(options: ServiceOptions): Promise<LedgerServiceApi> {
  checkOptions(options);
  const port = await openSqlPort(options);
  try {
    if (options.follow) await requireSchema(port);
    else await migrate(port);
    const writer = !options.follow && (await port.tryWriterLock());
    await checkChainId(port, options.chainId, writer);
    const now = (options.now ?? Date.now)();
    const genesisMs = writer ? Number(await initMeta(port, 'genesis_ms', String(Math.floor(now)))) : 0;
    const serverKey: SignerKey | null = writer
      ? signerKeyOf('ed25519', await initMeta(port, 'server_key', randomBytes(32).toString('hex')))
      : null;
    const mem = await loadLedger(port);
    const service = new LedgerService({ options, port, mem, serverKey, genesisMs });
    if (!writer) await service.startFollowing();
    return service;
  } catch (e) {
    await port.close().catch(() => undefined);
    throw e;
  }
}

function checkOptions(o: ServiceOptions): void {
  const bad = (detail: string): never => {
    throw new StakemeshFailure('BAD_FIELD', detail);
  };
  if (!Number.isSafeInteger(o.chainId) || o.chainId < 1) bad('chainId must be a positive integer');
  if (!Number.isSafeInteger(o.snapshotEvery) || o.snapshotEvery < 0) bad('snapshotEvery must be a non-negative integer');
  if (!Number.isFinite(o.blockTimeS) || o.blockTimeS < 0) bad('blockTimeS must be a non-negative number of seconds');
  for (const a of o.admins) if (accountKind(a) === null) bad(`admin ${JSON.stringify(String(a).slice(0, 80))} is not an account`);
  if (o.database !== undefined && !/^postgres(ql)?:\/\//.test(o.database)) bad('database must be a postgres:// URL');
}

/** A follower may sit on a read-only replica: it checks the schema instead of migrating. */
async function requireSchema(port: SqlPort): Promise<void> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  let version = 0;
  try {
    version = intOf((await port.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version'))[0]?.['v'] ?? 0);
  } catch {
    version = 0;
  }
  if (version < latest) throw new StakemeshFailure('READ_ONLY', `the database has schema version ${version}, not ${latest}: start the writer first`);
}

async function checkChainId(port: SqlPort, chainId: number, writer: boolean): Promise<void> {
  const stored = writer ? await initMeta(port, 'chain_id', String(chainId)) : await readMeta(port, 'chain_id');
  if (stored !== null && stored !== String(chainId)) {
    throw new StakemeshFailure('CHAIN_ID_MISMATCH', `the database holds chain ${stored}, not ${chainId}`);
  }
}
