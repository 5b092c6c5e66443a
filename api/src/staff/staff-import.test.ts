/**
 * Roster imports through `POST /api/staff/imports` on both databases, from the XLSX files
 * offices keep: a title line merged over the columns, spaced and mixed Chinese headers, a role
 * cell merged over two rows, a blank line, full-width digits, codes typed as numbers, a code
 * Excel rounded, unknown roles and grids. Every row is reported by number; nothing is written
 * while rows are rejected unless asked; English headers work the same.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';

const W2 = '610198001001002';
const E1 = '610198001002001';
const ZONE = '61019800100101';

async function messyRoster(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['测试区网格工作人员花名册']);
  ws.mergeCells('A1:F1');
  ws.addRow(['姓 名', '岗  位', '工作电话', '网格编码', '片区编码', '社区编码']);
  ws.addRow(['王  一', '信息员', '029-8888 0001', '６１０１９８００１００１００２', null, null]);
  ws.addRow(['李二', '网格员', '02988880002', Number(E1), null, null]);
  ws.addRow([]);
  ws.addRow(['陈六', '协理员', '02988880006', null, null, '610198001001']);
  ws.addRow(['陈七', null, '02988880007', null, null, '610198001001']);
  ws.mergeCells('B6:B7');
  ws.addRow(['周五', '专管员', '02988880005', null, ZONE, null]);
  ws.addRow(['张三', '厨师', '02988880003', W2, null, null]);
  ws.addRow(['赵四', '信息员', '02988880004', '610198001009001', null, null]);
  ws.addRow(['钱九', '信息员', '02988880009', '6.10198E+14', null, null]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Report {
  written: boolean;
  read: number;
  accepted: number;
  rejected: number;
  repaired: number;
  reasons: Record<string, { kind: string; count: number; sample: { row?: number } }>;
  changes: { added: number; attributesChanged: number; unchanged: number; list: { code: string; change: string }[] };
  totals: Record<string, number>;
  problems: { id: string; reason: string }[];
  warnings: string[];
}

async function upload(client: Client, name: string, bytes: Uint8Array, query: string) {
  const res = await client.request(`/api/staff/imports?district=610198&name=${encodeURIComponent(name)}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': client.csrf },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Report };
}

describe.each(BACKENDS)('roster imports on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('reads a messy office XLSX, reports every row, and writes only when told to take the rejected rows out', async () => {
    const admin = await ctx.login('admin');
    const bytes = await messyRoster();
    const refused = await upload(admin, '花名册.xlsx', bytes, '');
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ written: false, read: 8, accepted: 5, rejected: 3 });
    expect(refused.body.reasons).toMatchObject({
      unknown_role: { kind: 'rejected', count: 1, sample: { row: 7 } },
      unknown_grid: { kind: 'rejected', count: 1, sample: { row: 8 } },
      code_precision_lost: { kind: 'rejected', count: 1, sample: { row: 9 } },
      fullwidth: { kind: 'repaired', count: 1, sample: { row: 1 } },
      name_spaces: { kind: 'repaired', count: 1 },
      phone_spaces: { kind: 'repaired', count: 1 },
      code_number: { kind: 'repaired', count: 1, sample: { row: 2 } },
    });
    expect(refused.body.warnings.join('\n')).toMatch(/title line/);
    expect(refused.body.warnings.join('\n')).toMatch(/merged cell/);
    expect(refused.body.warnings.join('\n')).toMatch(/blank lines/);
    expect(refused.body.changes).toMatchObject({ added: 5, attributesChanged: 0, unchanged: 0 });
    expect(refused.body.changes.list.map((c) => c.code)).toEqual(['row 1', 'row 2', 'row 4', 'row 5', 'row 6']);
    expect(refused.body.problems.map((p) => p.id).filter((_, i, a) => a.indexOf(_) === i)).toEqual(
      expect.arrayContaining(['row 7', 'row 8', 'row 9']),
    );
    // Rows by number, never people.
    expect(JSON.stringify(refused.body)).not.toMatch(/王|李二|张三|赵四|0298888/);
    expect((await ctx.t.db.query(`SELECT 1 FROM staff WHERE name = '王一'`)).rows).toEqual([]);

    const written = await upload(admin, '花名册.xlsx', bytes, '&allowRejected=true');
    expect(written.body).toMatchObject({
      written: true,
      accepted: 5,
      totals: { staff: 5, added: 5, information_officer: 2, assistant: 2, zone_manager: 1 },
    });
    const rows = await ctx.t.db.query(
      `SELECT s.name, s.phone, a.role, a.grid_code AS grid, a.zone_code AS zone, a.region_code AS region
       FROM staff s JOIN staff_assignments a ON a.district_code = s.district_code AND a.staff_id = s.id
       WHERE s.import_id IS NOT NULL ORDER BY s.phone`,
    );
    expect(rows.rows).toEqual([
      { name: '王一', phone: '02988880001', role: 'information_officer', grid: W2, zone: ZONE, region: '610198001001' },
      { name: '李二', phone: '02988880002', role: 'information_officer', grid: E1, zone: null, region: '610198001002' },
      { name: '周五', phone: '02988880005', role: 'zone_manager', grid: null, zone: ZONE, region: '610198001001' },
      { name: '陈六', phone: '02988880006', role: 'assistant', grid: null, zone: null, region: '610198001001' },
      { name: '陈七', phone: '02988880007', role: 'assistant', grid: null, zone: null, region: '610198001001' },
    ]);
  });

  it('takes English headers, updates the people already there and reports who left the roster', async () => {
    const admin = await ctx.login('admin');
    const csv = new TextEncoder().encode(
      `Name,Role,Work phone,Grid code\n王一,Information officer,02988880001,${E1}\n李二,information_officer,02988880002,${E1}\n`,
    );
    const r = await upload(admin, 'roster.csv', csv, '');
    expect(r.body).toMatchObject({
      written: true,
      rejected: 0,
      totals: { staff: 2, added: 0, updated: 1, unchanged: 1, not_in_roster: 3 },
      changes: { list: [{ code: 'row 1', change: 'attributes' }] },
    });
    const checks = await admin.get<{ needsGrid: { name: string }[] }>('/api/staff/checks?region=610198');
    expect(checks.body.needsGrid.map((n) => n.name).sort()).toEqual(['周五', '陈七', '陈六'].sort());
    // A community user cannot import a district's roster.
    const west = await ctx.login('admin-west');
    expect((await upload(west, 'roster.csv', csv, '')).status).toBe(403);
  });
});
