/**
 * `gridatlas notice-boards` end to end on both databases: the tiny district seeded, a
 * community's boards written as one PDF (pages, text, fonts checked with poppler-utils), a
 * grid's board on A3, and bad input refused with exit 2 and no file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, seedDistrict } from '@gridatlas/api';
import { startPgCluster, tinyDistrict, type PgCluster } from '@gridatlas/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';

const BACKEND_KINDS = ['embedded', 'postgresql'] as const;

describe.each(BACKEND_KINDS)('gridatlas notice-boards on %s', (kind) => {
  let dir: string;
  let cluster: PgCluster | null = null;
  let target: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `gridatlas-boards-${kind}-`));
    if (kind === 'postgresql') {
      cluster = await startPgCluster();
      target = ['--database-url', cluster.url];
    } else target = ['--data-dir', join(dir, 'pglite')];
    const db = await openDatabase(kind === 'embedded' ? { dataDir: join(dir, 'pglite') } : { databaseUrl: cluster!.url });
    try {
      await migrate(db);
      await seedDistrict(db, tinyDistrict);
    } finally {
      await db.close();
    }
  }, 180_000);
  afterAll(() => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one page per grid of a community, with codes, names, roles and boundary streets, fonts embedded', async () => {
    const out = join(dir, 'west.pdf');
    const code = await main(['notice-boards', '--region', '610198001001', '--out', out, '--base-url', 'https://ga.example.cn', ...target]);
    expect(code).toBe(0);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Pages:\s+2\n/);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    for (const s of ['610198001001001', '610198001001002', '西一网格', '西二网格', '信息员', '张伟', '东至西巷', '西至西巷'])
      expect(text).toContain(s);
    expect(text).not.toContain('1985');
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((l) => l.trim().split(/\s+/).at(-5) === 'yes')).toBe(true);
  });

  it('writes a single grid on A3', async () => {
    const out = join(dir, 'east.pdf');
    expect(await main(['notice-boards', '--region', '610198001002001', '--out', out, '--size', 'a3', ...target])).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+84[12](\.\d+)? x 119[01]/);
  });

  it('refuses a bad size or a code that is no community or grid with exit 2, writing nothing', async () => {
    const out = join(dir, 'bad.pdf');
    expect(await main(['notice-boards', '--region', '610198001001', '--out', out, '--size', 'a5', ...target])).toBe(2);
    expect(await main(['notice-boards', '--region', '610198001', '--out', out, ...target])).toBe(2);
    expect(await main(['notice-boards', '--region', '610198001009', '--out', out, ...target])).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
