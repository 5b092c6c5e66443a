/**
 * Finds PostgreSQL's client programs (pg_dump, pg_restore, psql) for a server of a given major
 * version: `$GRIDATLAS_PG_BIN`, else the newest `/usr/lib/postgresql/<major>/bin` (where Debian
 * puts them, and where the test harness finds PostgreSQL 15), else `PATH`. pg_dump refuses a
 * server newer than itself, so an older client is an error naming the package to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BackupError } from './backup.types.js';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** The client programs are absent or older than the server: names the Debian package to install. */
export class PgToolsMissingError extends BackupError {
  constructor(message: string) {
    super('no_tools', message);
  }
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.GRIDATLAS_PG_BIN) dirs.push(process.env.GRIDATLAS_PG_BIN);
  try {
    const majors = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...majors.map((m) => `/usr/lib/postgresql/${m}/bin`));
  } catch {
    // not Debian's layout
  }
  dirs.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  return dirs;
}

/** Major version a client program reports ("pg_dump (PostgreSQL) 15.14" → 15). */
function toolMajor(path: string): number | null {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Paths of the tools, all from one folder whose pg_dump is at least `serverMajor`.
 *
 * @example
 * findPgTools(15) // { pg_dump: '/usr/lib/postgresql/15/bin/pg_dump', … }
 */
export function findPgTools(serverMajor: number): Record<PgTool, string> {
  const seen: string[] = [];
  for (const dir of candidateDirs()) {
    const paths = { pg_dump: join(dir, 'pg_dump'), pg_restore: join(dir, 'pg_restore'), psql: join(dir, 'psql') };
    if (!Object.values(paths).every((p) => existsSync(p))) continue;
    const major = toolMajor(paths.pg_dump);
    if (major === null) continue;
    if (major >= serverMajor) return paths;
    seen.push(`${paths.pg_dump} is version ${major}`);
  }
  const install = `install them with: apt-get install -y postgresql-client-${serverMajor} (or point GRIDATLAS_PG_BIN at their folder)`;
  throw new PgToolsMissingError(
    seen.length > 0
      ? `the database server is PostgreSQL ${serverMajor} but the newest pg_dump found is older (${seen.join('; ')}): ${install}`
      : `pg_dump, pg_restore and psql (PostgreSQL ${serverMajor} or newer) were not found: ${install}`,
  );
}

/**
 * The environment that points libpq at `url` without putting the password on a command line
 * (where `ps` shows it): the URL minus its password goes in `--dbname`, the password in PGPASSWORD.
 */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
