/**
 * Staff rosters (XLSX/CSV: name, role, work phone, grid code) after the N+5 model. Roles are
 * matched by their key or their names in `staff_roles` (信息员, 专管员, …); a grid code must be
 * a grid of the plan in force (its community becomes the assignment's region), or a 9/12-digit
 * region code for roles above the grid. A person already on the roster (same name and phone)
 * is kept; the assignments of imported staff are replaced. Reports name rows by number only.
 */
import type { Db } from '../../db/db.types.js';
import { ImportError } from '../../import/import.types.js';
import type { LayerImporter } from './district-import.types.js';
import { fieldText, requireFields } from './layer-helpers.js';

const NAME_GUESSES = ['name', '姓名', '名字'];
const ROLE_GUESSES = ['role', '角色', '岗位', '职务', '人员类别'];
const PHONE_GUESSES = ['phone', 'work_phone', '工作电话', '办公电话', '电话', '联系电话'];
const GRID_GUESSES = ['grid_code', '网格编码', '网格编号', '所属网格', 'code'];
/** Common names for the N+5 roles beside the configured ones. */
const ROLE_SYNONYMS: Record<string, string> = {
  网格员: 'information_officer',
  专职网格员: 'information_officer',
  网格信息员: 'information_officer',
  社区书记: 'community_manager',
  网格长: 'zone_manager',
};

export const importStaff: LayerImporter = async ({ db, district, read, options, report }) => {
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--name-field': options.nameField,
    '--role-field': options.roleField,
    '--phone-field': options.phoneField,
    '--grid-field': options.gridField,
  });
  const roles = (await db.query<{ key: string; zh: string; en: string }>('SELECT key, zh, en FROM staff_roles')).rows;
  if (roles.length === 0) throw new ImportError('no staff roles are configured (staff_roles is empty)');
  const roleOf = (v: string | undefined): string | null => {
    if (!v) return null;
    const r = roles.find((x) => x.key === v || x.zh === v || x.en.toLowerCase() === v.toLowerCase());
    return r?.key ?? (ROLE_SYNONYMS[v] && roles.some((x) => x.key === ROLE_SYNONYMS[v]) ? ROLE_SYNONYMS[v]! : null);
  };
  const grids = new Map(
    (
      await db.query<{ code: string; community: string }>(
        'SELECT code, community_code AS community FROM current_grids WHERE district_code = $1',
        [dc],
      )
    ).rows.map((g) => [g.code, g.community]),
  );
  const regions = new Set(district.regions.map((r) => r.code));
  const rows: { name: string; phone: string | null; role: string; region: string; grid: string | null }[] = [];
  read.features.forEach((f, index) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const row = typeof props.__row === 'number' ? props.__row : index + 1;
    const who = { index, id: `row ${row}`, row };
    const name = fieldText(props, options.nameField, NAME_GUESSES);
    if (!name) return report.add('rejected', 'missing_name', who, `row ${row} has no name`);
    const roleText = fieldText(props, options.roleField, ROLE_GUESSES);
    const role = roleOf(roleText);
    if (!role)
      return report.add(
        'rejected',
        'unknown_role',
        who,
        `row ${row}: the role "${roleText ?? ''}" is none of ${roles.map((r) => r.zh).join('、')}`,
      );
    const place = fieldText(props, options.gridField ?? options.codeField, GRID_GUESSES);
    const grid = place && grids.has(place) ? place : null;
    const region = grid ? grids.get(grid)! : place && regions.has(place) && place.length >= 9 ? place : null;
    if (!region)
      return report.add(
        'rejected',
        'unknown_grid',
        who,
        `row ${row}: "${place ?? ''}" is no grid of the plan in force (nor a subdistrict or community code)`,
      );
    rows.push({ name, phone: fieldText(props, options.phoneField, PHONE_GUESSES) ?? null, role, region, grid });
  });
  report.total('staff', new Set(rows.map((r) => `${r.name}\u0000${r.phone ?? ''}`)).size);
  report.total('assignments', rows.length);
  for (const r of roles) report.total(r.key, rows.filter((x) => x.role === r.key).length);
  return {
    accepted: rows.length,
    async apply(tx: Db, importId: number) {
      // People: one row per name and phone, kept when already on the roster.
      await tx.query(
        `INSERT INTO staff (district_code, name, phone, import_id, source_key)
         SELECT DISTINCT $2::char(6), r.name, r.phone, $3::bigint, r.name || '|' || coalesce(r.phone, '') FROM json_to_recordset($1::json) AS r(name text, phone text)
         WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone)`,
        [JSON.stringify(rows), dc, importId],
      );
      // People already on the roster count as imported from now on: a later roster replaces their assignments too.
      await tx.query(
        `UPDATE staff s SET import_id = $3 FROM json_to_recordset($1::json) AS r(name text, phone text)
         WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone AND s.import_id IS NULL`,
        [JSON.stringify(rows), dc, importId],
      );
      await tx.query(
        `DELETE FROM staff_assignments a USING staff s WHERE a.district_code = $1 AND s.district_code = a.district_code AND s.id = a.staff_id AND s.import_id IS NOT NULL`,
        [dc],
      );
      await tx.query(
        `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, grid_code)
         SELECT $2::char(6), (SELECT min(s.id) FROM staff s WHERE s.district_code = $2 AND s.name = r.name AND s.phone IS NOT DISTINCT FROM r.phone), r.role, r.region, r.grid
         FROM json_to_recordset($1::json) AS r(name text, phone text, role text, region text, grid text)`,
        [JSON.stringify(rows), dc],
      );
    },
  };
};
