import { openPgServer } from './openPgServer.js';
import { openPglite } from './openPglite.js';
import type { SqlPort } from './sqlPort.js';

/** A PostgreSQL server when a URL is given, else the embedded PGlite under `<dataDir>/pgdata`. */
export function openSqlPort(options: { readonly dataDir: string; readonly database?: string | undefined }): Promise<SqlPort> {
  return options.database ? openPgServer(options.database) : openPglite(options.dataDir);
}
