/**
 * Backup and restore of the embedded database (a PGlite data folder). PGlite has no second
 * connection to copy through, so the copy is taken by this process while it alone holds the
 * folder (the folder lock: a running server makes the backup refuse, naming its process), after
 * a CHECKPOINT, as PGlite's own `dumpDataDir` tarball (gzip): the whole cluster, PostGIS
 * catalog included. A restore builds the database in a new folder beside the target from the
 * tarball, checks that it opens, and only then swaps the folders: an interrupted restore leaves
 * the old database in place.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { lockDataDir } from '../db/data-dir-lock.js';
import { openPglite } from '../db/pglite.adapter.js';
import { BackupError, type BackupSummary, type RestoreSummary } from './backup.types.js';

const TABLES_SQL = `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    AND c.relname <> 'spatial_ref_sys'`;

function hasDatabase(dataDir: string): boolean {
  return existsSync(dataDir) && readdirSync(dataDir).length > 0;
}

export async function backupEmbedded(dataDir: string, file: string): Promise<BackupSummary> {
  if (!hasDatabase(dataDir)) throw new BackupError('bad_file', `there is no embedded database at ${resolve(dataDir)}`);
  const release = lockDataDir(dataDir, 'gridatlas backup');
  try {
    const pglite = await openPglite({ dataDir });
    let tarball: Blob;
    let tables: number;
    try {
      tables = (await pglite.query<{ n: number }>(TABLES_SQL)).rows[0]!.n;
      // Everything in the data files, so the copy needs no WAL replay to be whole.
      await pglite.exec('CHECKPOINT');
      tarball = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
    const partial = `${file}.partial`;
    try {
      writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    return { kind: 'embedded', file, bytes: statSync(file).size, tables, tool: 'PGlite dumpDataDir' };
  } finally {
    release();
  }
}

export async function restoreEmbedded(dataDir: string, file: string, options: { force: boolean }): Promise<RestoreSummary> {
  const target = resolve(dataDir);
  mkdirSync(dirname(target), { recursive: true });
  const release = lockDataDir(target, 'gridatlas restore');
  try {
    if (hasDatabase(target) && !options.force) {
      throw new BackupError('not_empty', `${target} already holds an embedded database; add --force to replace it with the backup`);
    }
    const stamp = `${process.pid}-${Date.now()}`;
    const fresh = `${target}.restoring-${stamp}`;
    const old = `${target}.replaced-${stamp}`;
    let tables: number;
    try {
      const pglite = await openPglite({ dataDir: fresh, loadDataDir: new Blob([new Uint8Array(await readFile(file))]) });
      try {
        tables = (await pglite.query<{ n: number }>(TABLES_SQL)).rows[0]!.n;
        await pglite.exec('CHECKPOINT');
      } finally {
        await pglite.close();
      }
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      if (error instanceof BackupError) throw error;
      throw new BackupError('bad_file', `${file} could not be restored as an embedded database: ${(error as Error).message}`);
    }
    // Two renames in one folder: the old database stays whole until the new one is in place.
    if (existsSync(target)) renameSync(target, old);
    renameSync(fresh, target);
    rmSync(old, { recursive: true, force: true });
    return { kind: 'embedded', file, tables };
  } finally {
    release();
  }
}
