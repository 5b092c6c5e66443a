/**
 * The commands' exit codes and refusals (the round trips on both databases are in
 * api/src/backup/backup.test.ts): nothing here may change the target folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';

describe('gridatlas backup / restore', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridatlas-backup-cli-'));
    dataDir = join(dir, 'pglite');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a file: exit 2', async () => {
    expect(await main(['backup', '--data-dir', dataDir])).toBe(2);
    expect(await main(['restore', '--data-dir', dataDir])).toBe(2);
    expect(await main(['restore', join(dir, 'missing.backup'), '--data-dir', dataDir])).toBe(2);
  });

  it('refuses to overwrite a file without --force: exit 2', async () => {
    const existing = join(dir, 'existing.backup');
    writeFileSync(existing, 'keep me');
    expect(await main(['backup', '--out', existing, '--data-dir', dataDir])).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it('refuses a file that is not a backup, and one of the other database: exit 2', async () => {
    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, 'not a backup at all');
    expect(await main(['restore', junk, '--force', '--data-dir', dataDir])).toBe(2);
    const pgDump = join(dir, 'pg.backup');
    writeFileSync(pgDump, 'PGDMP\x01\x0f\x00');
    expect(await main(['restore', pgDump, '--force', '--data-dir', dataDir])).toBe(2);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('18\n');
  });

  it('leaves a database that is not empty alone without --force (exit 1), and a broken backup changes nothing (exit 2)', async () => {
    const broken = join(dir, 'broken.backup');
    writeFileSync(broken, gzipSync(Buffer.from('this is not a tar of a data folder')));
    expect(await main(['restore', broken, '--data-dir', dataDir])).toBe(1);
    expect(await main(['restore', broken, '--force', '--data-dir', dataDir])).toBe(2);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 120_000);
});
