/**
 * `gridatlas staff-import` on both databases over the tiny district: a roster with a rejected
 * row exits 1 and writes nothing, `--allow-rejected` writes the rest (exit 0), an unreadable
 * file or a missing --file exits 2.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, openDatabase } from '@gridatlas/api';
import { describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';
import { useSeededTarget } from './seeded-target.fixture.js';

const BACKEND_KINDS = ['embedded', 'postgresql'] as const;

describe.each(BACKEND_KINDS)('gridatlas staff-import on %s', (kind) => {
  const seeded = useSeededTarget(kind, 'staff');

  async function importedNames(): Promise<string[]> {
    const i = seeded.target.indexOf('--database-url');
    const db = await openDatabase(i >= 0 ? { databaseUrl: seeded.target[i + 1]! } : { dataDir: seeded.target[1]! });
    try {
      await migrate(db);
      return (await db.query<{ name: string }>(`SELECT name FROM staff WHERE import_id IS NOT NULL ORDER BY name`)).rows.map((r) => r.name);
    } finally {
      await db.close();
    }
  }

  it('refuses a roster with a rejected row (exit 1), writes the rest when told to (exit 0)', async () => {
    const file = join(seeded.dir, 'roster.csv');
    writeFileSync(file, 'Name,Role,Work phone,Grid code\n王一,信息员,02988880001,610198001001002\n张三,厨师,02988880003,610198001001002\n');
    expect(await main(['staff-import', '--district', '610198', '--file', file, ...seeded.target])).toBe(1);
    expect(await importedNames()).toEqual([]);
    expect(await main(['staff-import', '--district', '610198', '--file', file, '--allow-rejected', ...seeded.target])).toBe(0);
    expect(await importedNames()).toEqual(['王一']);
  });

  it('exits 2 without --file or with an unreadable one', async () => {
    expect(await main(['staff-import', '--district', '610198', ...seeded.target])).toBe(2);
    const bad = join(seeded.dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    expect(await main(['staff-import', '--district', '610198', '--file', bad, ...seeded.target])).toBe(2);
  });
});
