/**
 * A throwaway PostgreSQL 15 + PostGIS cluster for tests: `initdb` into a temp folder, start on
 * a free port (socket in the same folder), stop and delete afterwards. PostgreSQL refuses to
 * run as root, so as root the server runs as the `postgres` user.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control';
const INSTALL_HINT = 'install them with: apt-get install -y postgresql-15-postgis-3';

export interface PgCluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  dir: string;
  stop(): void;
}

export async function startPgCluster(): Promise<PgCluster> {
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, bin))) {
      throw new Error(`the API tests need PostgreSQL 15 (${join(PG_BIN, bin)} is missing): ${INSTALL_HINT}`);
    }
  }
  if (!existsSync(POSTGIS_CONTROL)) {
    throw new Error(`the API tests need PostGIS for PostgreSQL 15 (${POSTGIS_CONTROL} is missing): ${INSTALL_HINT}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'gridatlas-pg-'));
  const asUser: SpawnSyncOptions = { cwd: dir, encoding: 'utf8' };
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    Object.assign(asUser, { uid, gid, env: { ...process.env, HOME: dir } });
  }
  const run = (bin: string, args: string[]): void => {
    const r = spawnSync(join(PG_BIN, bin), args, asUser);
    if (r.status !== 0) {
      throw new Error(`${bin} failed (${r.status ?? r.signal}): ${String(r.stderr || r.stdout || r.error)}`);
    }
  };
  const port = await freePort();
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  // Durability does not matter for a cluster deleted after the run; speed does.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asUser);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
