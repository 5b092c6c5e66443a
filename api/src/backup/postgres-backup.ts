/**
 * Backup and restore of a PostgreSQL + PostGIS database with pg_dump and pg_restore, custom
 * format. A backup is taken from one snapshot, so a running server may keep writing. A restore
 * replaces the whole database in ONE transaction (drop every schema, recreate from the dump,
 * through psql --single-transaction): it either lands complete or leaves the database as it was.
 * It refuses while other sessions are connected (a running server would keep answering from
 * what it had cached and hold locks the restore waits on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { describeDatabaseUrl } from '../db/database-error.js';
import { findPgTools, libpqTarget } from './pg-tools.js';
import { BackupError, type BackupSummary, type RestoreSummary } from './backup.types.js';
import { publicSearchPath } from './restore-script.js';
import { quoteIdent } from './user-tables.js';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError('unreachable', `cannot connect to ${describeDatabaseUrl(url)}: ${(error as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function serverMajor(c: pg.Client): Promise<number> {
  const r = await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(r.rows[0]!.v) / 10000);
}

/** Schemas that hold data of ours or of extensions (not PostgreSQL's own). */
async function dataSchemas(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ nspname: string }>(
    `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' ORDER BY 1`,
  );
  return r.rows.map((x) => x.nspname);
}

async function tableCount(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND c.relname <> 'spatial_ref_sys'`,
  );
  return Number(r.rows[0]!.n);
}

/** Runs a program to completion; rejects with its stderr (passwords never reach it: see libpqTarget). */
function run(child: ChildProcess, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new BackupError('failed', `${what} could not run: ${e.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError('failed', `${what} failed (${code ?? signal}): ${stderr.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

export async function backupPostgres(url: string, file: string): Promise<BackupSummary> {
  const { major, tables } = await withClient(url, async (c) => ({ major: await serverMajor(c), tables: await tableCount(c) }));
  const tools = findPgTools(major);
  const { dbname, env } = libpqTarget(url);
  // Written beside the target and renamed at the end: a failed backup never looks like one.
  const partial = `${file}.partial`;
  try {
    await run(
      spawn(tools.pg_dump, ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
      'pg_dump',
    );
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { kind: 'postgresql', file, bytes: statSync(file).size, tables, tool: tools.pg_dump };
}

export async function restorePostgres(url: string, file: string, options: { force: boolean }): Promise<RestoreSummary> {
  const where = describeDatabaseUrl(url);
  const { major, schemas } = await withClient(url, async (c) => {
    const others = await c.query<{ n: string; apps: string | null }>(
      `SELECT count(*) AS n, string_agg(DISTINCT NULLIF(application_name, ''), ', ') AS apps
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    const n = Number(others.rows[0]!.n);
    if (n > 0) {
      throw new BackupError(
        'busy',
        `${where} has ${n} other connection(s)${others.rows[0]!.apps ? ` (${others.rows[0]!.apps})` : ''}: stop the GridAtlas server (and other clients) before restoring`,
      );
    }
    const tables = await tableCount(c);
    if (tables > 0 && !options.force) {
      throw new BackupError(
        'not_empty',
        `${where} already holds ${tables} tables; add --force to replace the whole database with the backup`,
      );
    }
    return { major: await serverMajor(c), schemas: await dataSchemas(c) };
  });
  const tools = findPgTools(major);
  const { dbname, env } = libpqTarget(url);
  // Everything the database held goes, then the dump is replayed, all in psql's one transaction.
  const clear = [...schemas.map((s) => `DROP SCHEMA ${quoteIdent(s)} CASCADE;`), 'CREATE SCHEMA public;'].join(' ');
  const restore = spawn(tools.pg_restore, ['--no-owner', '--no-acl', '--file=-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn(
    tools.psql,
    [
      '--no-psqlrc',
      '--quiet',
      '--no-password',
      '--single-transaction',
      '--set=ON_ERROR_STOP=1',
      `--dbname=${dbname}`,
      '--command',
      clear,
      '--file=-',
    ],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  // When psql stops (an error rolls everything back) the pipeline is torn down and pg_restore
  // ends too, instead of blocking on a pipe nobody reads.
  const piped = pipeline(restore.stdout!, publicSearchPath(), psql.stdin!).catch(() => {
    if (restore.exitCode === null) restore.kill();
  });
  const results = await Promise.allSettled([run(psql, 'psql (restoring)'), run(restore, 'pg_restore'), piped]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const tables = await withClient(url, async (c) => {
    // pg_restore brings no planner statistics: gather them now, as the server's first queries need them.
    await c.query('ANALYZE');
    return tableCount(c);
  });
  return { kind: 'postgresql', file, tables };
}
