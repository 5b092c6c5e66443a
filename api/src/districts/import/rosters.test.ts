/**
 * Staff and special-group rosters on both databases, over the tiny fixture district: staff
 * matched to the grids in force by code, rows with unknown roles or grids rejected; special
 * groups tied to buildings by code, stored as the demo stores them, reports free of personal
 * fields; importing again replaces what the last roster brought.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { importDistrictLayer } from './district-import.js';

const csv = (text: string) => ({ name: 'roster.csv', bytes: new TextEncoder().encode(text) });

describe.each(BACKENDS)('staff and special-group rosters (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await t.db.query(`UPDATE buildings SET code = 'T-' || id WHERE district_code = '610198'`);
  });
  afterAll(() => t?.close());

  it('imports staff matched to grids by code, rejecting unknown roles and grids', async () => {
    const roster = csv(
      '姓名,岗位,工作电话,网格编码\n王一,信息员,02988880001,610198001001001\n李二,网格员,02988880002,610198001002001\n张三,厨师,02988880003,610198001001002\n赵四,信息员,02988880004,610198001009001\n',
    );
    const refused = await importDistrictLayer(t.db, roster, { layer: 'staff', districtCode: '610198' });
    expect(refused).toMatchObject({
      written: false,
      read: 4,
      accepted: 2,
      rejected: 2,
      reasons: { unknown_role: { count: 1, sample: { row: 3 } }, unknown_grid: { count: 1, sample: { row: 4 } } },
    });
    expect(JSON.stringify(refused)).not.toMatch(/张三|赵四|0298888/);
    const written = await importDistrictLayer(t.db, roster, { layer: 'staff', districtCode: '610198', allowRejected: true });
    expect(written.written).toBe(true);
    const rows = await t.db.query(
      `SELECT s.name, a.role, a.grid_code AS grid, a.region_code AS region FROM staff_assignments a JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id
       WHERE a.district_code = '610198' AND s.import_id IS NOT NULL ORDER BY s.name`,
    );
    expect(rows.rows).toEqual([
      { name: '李二', role: 'information_officer', grid: '610198001002001', region: '610198001002' },
      { name: '王一', role: 'information_officer', grid: '610198001001001', region: '610198001001' },
    ]);
    // The same roster again: assignments replaced, nobody doubled.
    await importDistrictLayer(t.db, roster, { layer: 'staff', districtCode: '610198', allowRejected: true });
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM staff_assignments a JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id WHERE s.import_id IS NOT NULL`,
        )
      ).rows,
    ).toEqual([{ n: 2 }]);
  });

  it('imports special groups by building code with categories in Chinese, replacing the last roster', async () => {
    const roster = csv(
      '楼栋编码,类别,纳入时间,身份证号,联系电话\nT-1,独居老人,2024-03-01,610100194001011234,13800000001\nT-2,残疾人,2023/5/2,,\nT-99,低保户,2024-01-01,,\nT-4,外星人,2024-01-01,,\n',
    );
    const r = await importDistrictLayer(t.db, roster, { layer: 'special-groups', districtCode: '610198', allowRejected: true });
    expect(r).toMatchObject({
      written: true,
      accepted: 2,
      rejected: 2,
      reasons: { no_building: { count: 1 }, unknown_category: { count: 1 } },
    });
    expect(JSON.stringify(r)).not.toMatch(/6101001940|13800000001/);
    const rows = await t.db.query(
      `SELECT building_id AS b, category, since::text AS since, id_number AS idn FROM special_group_records WHERE import_id IS NOT NULL ORDER BY building_id`,
    );
    expect(rows.rows).toEqual([
      { b: 1, category: 'elderly_alone', since: '2024-03-01', idn: '610100194001011234' },
      { b: 2, category: 'disabled', since: '2023-05-02', idn: null },
    ]);
    const before = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM special_group_records WHERE import_id IS NULL`))
      .rows[0]!.n;
    await importDistrictLayer(t.db, csv('楼栋编码,类别\nT-3,退役军人\n'), { layer: 'special-groups', districtCode: '610198' });
    expect((await t.db.query(`SELECT building_id AS b, category FROM special_group_records WHERE import_id IS NOT NULL`)).rows).toEqual([
      { b: 3, category: 'veteran' },
    ]);
    // The records that came another way are untouched.
    expect(
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM special_group_records WHERE import_id IS NULL`)).rows[0]!.n,
    ).toBe(before);
  });
});
