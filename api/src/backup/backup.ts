/**
 * `gridatlas backup` / `restore` for whichever database the configuration names (the same
 * `databaseUrl` / `dataDir` as the server): pg_dump's custom format for PostgreSQL, a PGlite
 * data-folder tarball for the embedded database. A file is recognised by its first bytes, so
 * restoring one kind into the other is refused before anything is touched.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { DbKind } from '../db/db.types.js';
import { defaultDataDir, type DatabaseTarget } from '../db/open-database.js';
import { BackupError, type BackupSummary, type RestoreSummary } from './backup.types.js';
import { backupEmbedded, restoreEmbedded } from './embedded-backup.js';
import { backupPostgres, restorePostgres } from './postgres-backup.js';

/** Which database a backup file is of: pg_dump custom format starts "PGDMP"; PGlite's tarball is gzip (or plain tar). */
export function backupFileKind(file: string): DbKind | null {
  const head = Buffer.alloc(512);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgresql';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  if (n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'embedded';
  return null;
}

export async function backupDatabase(target: DatabaseTarget, file: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  if (existsSync(file) && !options.force)
    throw new BackupError('exists', `${file} already exists; choose another file or add --force to overwrite it`);
  if (target.databaseUrl) return backupPostgres(target.databaseUrl, file);
  return backupEmbedded(target.dataDir || defaultDataDir(), file);
}

export async function restoreDatabase(target: DatabaseTarget, file: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  if (!existsSync(file)) throw new BackupError('bad_file', `${file} does not exist`);
  const kind = backupFileKind(file);
  if (kind === null)
    throw new BackupError(
      'bad_file',
      `${file} is not a GridAtlas backup (neither a pg_dump custom-format file nor an embedded-database tarball)`,
    );
  const into: DbKind = target.databaseUrl ? 'postgresql' : 'embedded';
  if (kind !== into) {
    throw new BackupError(
      'bad_file',
      `${file} is a backup of ${kind === 'postgresql' ? 'a PostgreSQL' : 'an embedded'} database and cannot be restored into ${into === 'postgresql' ? 'PostgreSQL' : 'the embedded database'}; ` +
        (kind === 'postgresql' ? 'give --database-url' : 'leave out --database-url and DATABASE_URL'),
    );
  }
  const force = options.force ?? false;
  if (target.databaseUrl) return restorePostgres(target.databaseUrl, file, { force });
  return restoreEmbedded(target.dataDir || defaultDataDir(), file, { force });
}
