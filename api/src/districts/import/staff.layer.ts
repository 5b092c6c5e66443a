/**
 * Staff rosters (XLSX/CSV) after the district's staffing model (N+5 by default): name, role,
 * work phone and where the worker serves — grid codes (several in one cell allowed), a zone
 * code (片区, 2–3 grids) or a community/subdistrict code, as the role's scope needs; gender and
 * birth year when given (kept for roster editors only). Chinese or English headers, in any
 * spacing or width; title lines, blank lines and merged cells are dealt with by the reader.
 * Each row goes through core's `normaliseRosterRow` (full-width digits, codes typed as numbers,
 * padded names) and is then matched: roles by key or name among the model's roles (or common
 * synonyms), grids among the grids in force, zones and regions of the district.
 *
 * A person is one name and work phone: one already on the roster is kept and updated (their
 * assignments replaced), others are added. Workers an earlier roster brought who are missing
 * from this one lose their assignments (counted as `not_in_roster`; the roster checks then list
 * them as needing a grid). Every row is reported: `changes.list` names each accepted row as
 * added, updated (`attributes`) or unchanged, `problems` each rejected one with its reason.
 * Reports name rows by number only, never people.
 */
import { normaliseRosterRow } from '@gridatlas/core';
import type { Db } from '../../db/db.types.js';
import { ImportError } from '../../import/import.types.js';
import { staffModel, type ModelRole } from '../../staff/staff-model.js';
import type { ChangeEntry } from './import-report.js';
import type { LayerImporter } from './district-import.types.js';
import { requireFields } from './layer-helpers.js';

/** Header guesses, compared without spaces, case or width. */
const GUESSES = {
  name: ['name', 'fullname', '姓名', '名字', '人员姓名', '网格员姓名', '工作人员'],
  role: ['role', 'position', '角色', '岗位', '职务', '人员类别', '类别', '身份', '职责'],
  phone: ['workphone', 'work_phone', 'phone', 'tel', '工作电话', '办公电话', '电话', '联系电话', '手机', '手机号', '手机号码', '联系方式'],
  grid: ['grid_code', 'gridcode', 'grid', 'grids', 'code', '网格编码', '网格编号', '网格代码', '所属网格', '网格', '负责网格'],
  zone: ['zone_code', 'zonecode', 'zone', '片区编码', '片区编号', '片区代码', '片区', '所属片区'],
  region: [
    'community_code',
    'communitycode',
    'region_code',
    'regioncode',
    'subdistrict_code',
    '社区编码',
    '社区代码',
    '所属社区编码',
    '街道编码',
  ],
  gender: ['gender', 'sex', '性别'],
  birth: ['birth_year', 'birthyear', 'born', '出生年份', '出生年', '出生年月', '出生日期'],
} as const;

/** Common names for the roles beside the configured ones. */
const ROLE_SYNONYMS: Record<string, string> = {
  网格员: 'information_officer',
  专职网格员: 'information_officer',
  网格信息员: 'information_officer',
  楼栋长: 'information_officer',
  社区书记: 'community_manager',
  社区党支部书记: 'community_manager',
  包抓领导: 'supervisor',
  片长: 'zone_manager',
  网格长: 'zone_manager',
  兼职网格员: 'parttime_worker',
  志愿者: 'volunteer',
};

const REPAIR_TEXT: Record<string, string> = {
  fullwidth: 'full-width characters read as ordinary digits and letters',
  name_spaces: 'spaces inside a Chinese name removed',
  code_number: 'a code typed as a number read as text',
  phone_spaces: 'spaces or dashes removed from a phone number',
};

const squash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

interface Row {
  row: number;
  index: number;
  name: string;
  phone: string | null;
  gender: 'F' | 'M' | null;
  birthYear: number | null;
  role: string;
  region: string;
  zone: string | null;
  grid: string | null;
}

export const importStaff: LayerImporter = async ({ db, district, read, options, report }) => {
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--name-field': options.nameField,
    '--role-field': options.roleField,
    '--phone-field': options.phoneField,
    '--grid-field': options.gridField,
  });
  const bySquashed = new Map(read.fields.map((f) => [squash(f), f]));
  const field = (given: string | undefined, guesses: readonly string[]): string | undefined =>
    given ?? guesses.map((g) => bySquashed.get(squash(g))).find((f) => f !== undefined);
  const f = {
    name: field(options.nameField, GUESSES.name),
    role: field(options.roleField, GUESSES.role),
    phone: field(options.phoneField, GUESSES.phone),
    grid: field(options.gridField ?? options.codeField, GUESSES.grid),
    zone: field(undefined, GUESSES.zone),
    region: field(undefined, GUESSES.region),
    gender: field(undefined, GUESSES.gender),
    birth: field(undefined, GUESSES.birth),
  };
  if (!f.name || !f.role || !(f.grid || f.zone || f.region))
    throw new ImportError(
      `a roster needs a name, a role and a grid, zone or community code column (e.g. 姓名, 岗位, 网格编码 or name, role, grid_code); ` +
        `this file's fields are: ${read.fields.slice(0, 40).join(', ') || '(none)'}`,
    );

  const model = await staffModel(db, dc);
  if (model.roles.length === 0) throw new ImportError(`the staffing model ${model.key} has no roles`);
  const roleOf = (v: string): ModelRole | undefined => {
    const t = squash(v);
    const direct = model.roles.find((r) => r.key === t || squash(r.zh) === t || squash(r.en) === t);
    return direct ?? model.roles.find((r) => r.key === ROLE_SYNONYMS[v.normalize('NFKC').replace(/\s+/g, '')]);
  };
  const grids = new Map(
    (
      await db.query<{ code: string; community: string; zone: string | null }>(
        'SELECT code, community_code AS community, zone_code AS zone FROM current_grids WHERE district_code = $1',
        [dc],
      )
    ).rows.map((g) => [g.code, g]),
  );
  const zones = new Map(
    (
      await db.query<{ code: string; community: string }>('SELECT code, community_code AS community FROM zones WHERE district_code = $1', [
        dc,
      ])
    ).rows.map((z) => [z.code, z.community]),
  );
  const regions = new Set(district.regions.filter((r) => r.code.length >= 9).map((r) => r.code));

  const rows: Row[] = [];
  const seen = new Set<string>();
  read.features.forEach((feature, index) => {
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const row = typeof props.__row === 'number' ? props.__row : index + 1;
    const who = { index, id: `row ${row}`, row };
    // The sample carries the row number; every printer of a report names it before the detail.
    const reject = (reason: string, detail: string) => report.add('rejected', reason, who, detail);
    const at = (k: keyof typeof f) => (f[k] ? props[f[k]] : undefined);
    const codesCell = [at('grid'), at('zone'), at('region')].find((v) => v !== undefined && v !== null && String(v).trim() !== '');
    const n = normaliseRosterRow({ name: at('name'), phone: at('phone'), codes: codesCell });
    if (n.rejection) return reject(n.rejection.reason, n.rejection.detail);
    for (const r of n.repairs) report.add('repaired', r, who, REPAIR_TEXT[r] ?? r);
    const roleText = String(at('role') ?? '').trim();
    const role = roleOf(roleText);
    if (!role)
      return reject(
        'unknown_role',
        `the role "${roleText}" is none of ${model.roles.map((r) => r.zh).join('、')} (${model.zh || model.key})`,
      );
    if (n.codes.length === 0)
      return reject(
        'missing_place',
        `a ${role.zh} needs a ${role.scope === 'grid' ? 'grid' : role.scope === 'zone' ? 'zone' : 'community'} code`,
      );
    const genderText = String(at('gender') ?? '').trim();
    const gender = /^(男|m|male)$/i.test(genderText) ? 'M' : /^(女|f|female)$/i.test(genderText) ? 'F' : null;
    const birthMatch = /(19|20)\d{2}/.exec(String(at('birth') instanceof Date ? (at('birth') as Date).toISOString() : (at('birth') ?? '')));
    const birthYear = birthMatch ? Number(birthMatch[0]) : null;
    const places: Omit<Row, 'row' | 'index' | 'name' | 'phone' | 'gender' | 'birthYear' | 'role'>[] = [];
    for (const code of n.codes) {
      if (role.scope === 'grid') {
        const g = grids.get(code);
        if (!g) return reject('unknown_grid', `"${code}" is no grid of the plan in force`);
        places.push({ region: g.community, zone: g.zone, grid: code });
      } else if (role.scope === 'zone') {
        const zone = code.length === 15 ? (grids.get(code)?.zone ?? null) : code;
        if (code.length === 15 && !grids.has(code)) return reject('unknown_grid', `"${code}" is no grid of the plan in force`);
        if (!zone || !zones.has(zone)) return reject('unknown_zone', `"${code}" is no zone of the district (nor a grid with one)`);
        places.push({ region: zones.get(zone)!, zone, grid: null });
      } else {
        const region = code.length >= 14 ? code.slice(0, 12) : code;
        if (!regions.has(region))
          return reject(code.length === 15 ? 'unknown_grid' : 'unknown_region', `"${code}" is no community or subdistrict of the district`);
        places.push({ region, zone: null, grid: null });
      }
    }
    for (const p of places) {
      const key = [n.name, n.phone ?? '', role.key, p.region, p.zone ?? '', p.grid ?? ''].join('\u0001');
      if (seen.has(key)) {
        report.merged++;
        report.add('merged', 'duplicate_row', who, 'repeats an assignment of an earlier row');
        continue;
      }
      seen.add(key);
      rows.push({ row, index, name: n.name, phone: n.phone, gender, birthYear, role: role.key, ...p });
    }
  });

  // Who is on the roster already, and what they serve now: added / updated / unchanged.
  const people = new Map<string, Row[]>();
  for (const r of rows) {
    const k = `${r.name}\u0001${r.phone ?? ''}`;
    people.set(k, [...(people.get(k) ?? []), r]);
  }
  const existing = await db.query<{ key: string; assignments: string[] | null }>(
    `SELECT s.name || chr(1) || coalesce(s.phone, '') AS key,
       (SELECT array_agg(a.role || chr(1) || a.region_code || chr(1) || coalesce(a.zone_code, '') || chr(1) || coalesce(a.grid_code, '') ORDER BY 1)
          FROM staff_assignments a WHERE a.district_code = s.district_code AND a.staff_id = s.id) AS assignments
     FROM staff s WHERE s.district_code = $1`,
    [dc],
  );
  const before = new Map(existing.rows.map((e) => [e.key, (e.assignments ?? []).sort().join('\u0002')]));
  const list: ChangeEntry[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [k, rs] of people) {
    const now = rs
      .map((r) => [r.role, r.region, r.zone ?? '', r.grid ?? ''].join('\u0001'))
      .sort()
      .join('\u0002');
    const change = !before.has(k) ? 'added' : before.get(k) === now ? null : 'attributes';
    if (change === 'added') added++;
    else if (change === 'attributes') updated++;
    else unchanged++;
    for (const row of new Set(rs.map((r) => r.row))) if (change) list.push({ code: `row ${row}`, name: '', change });
  }
  const notInRoster = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff s WHERE s.district_code = $1 AND s.import_id IS NOT NULL AND s.active
       AND NOT (s.name || chr(1) || coalesce(s.phone, '') = ANY($2::text[]))
       AND EXISTS (SELECT 1 FROM staff_assignments a WHERE a.district_code = s.district_code AND a.staff_id = s.id)`,
    [dc, [...people.keys()]],
  );
  report.total('staff', people.size);
  report.total('assignments', rows.length);
  report.total('added', added);
  report.total('updated', updated);
  report.total('unchanged', unchanged);
  report.total('not_in_roster', notInRoster.rows[0]!.n);
  for (const r of model.roles) report.total(r.key, rows.filter((x) => x.role === r.key).length);

  const payload = JSON.stringify(
    [...people.values()].map((rs) => ({
      name: rs[0]!.name,
      phone: rs[0]!.phone,
      gender: rs.find((r) => r.gender)?.gender ?? null,
      birth_year: rs.find((r) => r.birthYear)?.birthYear ?? null,
      region: rs[0]!.region,
    })),
  );
  const assignments = JSON.stringify(
    rows.map((r) => ({ name: r.name, phone: r.phone, role: r.role, region: r.region, zone: r.zone, grid: r.grid })),
  );
  return {
    accepted: rows.length,
    changes: { added, removed: 0, geometryChanged: 0, attributesChanged: updated, unchanged, list },
    async apply(tx: Db, importId: number) {
      const by = options.importedBy ?? null;
      await tx.query(
        `INSERT INTO staff (district_code, name, phone, gender, birth_year, region_code, import_id, source_key, updated_by)
         SELECT $2::char(6), r.name, r.phone, r.gender, r.birth_year, r.region, $3::bigint, r.name || '|' || coalesce(r.phone, ''), $4
         FROM json_to_recordset($1::json) AS r(name text, phone text, gender text, birth_year int, region text)
         WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone)`,
        [payload, dc, importId, by],
      );
      // People already on the roster count as imported from now on: a later roster replaces their assignments too.
      await tx.query(
        `UPDATE staff s SET import_id = $3, active = true, version = version + 1, updated_by = $4, updated_at = now(),
           gender = coalesce(r.gender, s.gender), birth_year = coalesce(r.birth_year, s.birth_year), region_code = coalesce(s.region_code, r.region)
         FROM json_to_recordset($1::json) AS r(name text, phone text, gender text, birth_year int, region text)
         WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone AND s.import_id IS DISTINCT FROM $3`,
        [payload, dc, importId, by],
      );
      // Earlier rosters' workers: assignments replaced by this roster (those missing from it are left without).
      await tx.query(
        `UPDATE staff s SET version = version + 1, updated_by = $3, updated_at = now()
         WHERE s.district_code = $1 AND s.import_id IS NOT NULL AND s.import_id <> $2
           AND EXISTS (SELECT 1 FROM staff_assignments a WHERE a.district_code = s.district_code AND a.staff_id = s.id)`,
        [dc, importId, by],
      );
      await tx.query(
        `DELETE FROM staff_assignments a USING staff s WHERE a.district_code = $1 AND s.district_code = a.district_code AND s.id = a.staff_id AND s.import_id IS NOT NULL`,
        [dc],
      );
      await tx.query(
        `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code)
         SELECT $2::char(6), (SELECT min(s.id) FROM staff s WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone),
                r.role, r.region, r.zone, r.grid
         FROM json_to_recordset($1::json) AS r(name text, phone text, role text, region text, zone text, grid text)`,
        [assignments, dc],
      );
    },
  };
};
