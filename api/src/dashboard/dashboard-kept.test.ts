/**
 * Dashboards kept in `dashboard_responses` (migration 0037) are served to a fresh process only
 * at exactly the version they were kept under, and keeping one drops the district's rows of
 * other versions (which can never be read again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { Dashboard } from './dashboard.schemas.js';
import { keepDashboard, keptDashboard } from './dashboard-kept.js';

const D = TINY_DISTRICT_CODE;

describe.each(BACKENDS)('dashboards kept in the database on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
  });
  afterAll(() => t?.close());

  it('serves a dashboard another process kept, at its version only', async () => {
    const at = { districtCode: D, key: '["610198","2025-06"]', version: 'r1.a1.m1.d1' };
    expect(await keptDashboard(t.db, at)).toBeUndefined();
    // As a previous process left it.
    await t.db.query(`INSERT INTO dashboard_responses (district_code, key, version, body) VALUES ($1, $2, $3, $4)`, [
      D,
      at.key,
      at.version,
      '{"asOf":"2025-06-30","households":12}',
    ]);
    expect(await keptDashboard(t.db, { ...at, version: 'r1.a1.m1.d2' })).toBeUndefined();
    expect(await keptDashboard(t.db, at)).toEqual({ asOf: '2025-06-30', households: 12 });
  });

  it('drops the rows of other versions when it keeps one', async () => {
    const body = { asOf: '2025-06-30', households: 13 } as unknown as Dashboard;
    await keepDashboard(t.db, { districtCode: D, key: '["610198001","2025-06"]', version: 'r1.a1.m1.d3' }, body);
    const rows = await t.db.query<{ key: string; version: string; body: string }>(
      `SELECT key, version, body FROM dashboard_responses WHERE district_code = $1 ORDER BY key`,
      [D],
    );
    expect(rows.rows).toEqual([{ key: '["610198001","2025-06"]', version: 'r1.a1.m1.d3', body: JSON.stringify(body) }]);
  });
});
