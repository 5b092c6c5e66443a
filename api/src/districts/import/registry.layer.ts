/**
 * The population registry (实有人口/房屋): rows keyed by building code or address, one row per
 * household (default) or per building (households and persons fields). Only counts per
 * building are kept (`building_registry`, and the building's households and persons, marked
 * from the registry); names, identity numbers and the like are read past, never stored,
 * never reported. Rows naming no known building are rejected; buildings with no row are
 * listed, and keep their counts — or, with `estimateHouseholds`, get an estimate.
 */
import type { Db } from '../../db/db.types.js';
import { ImportError } from '../../import/import.types.js';
import { buildingKeys } from './building-keys.js';
import { DEFAULT_FLAT_SIZE_M2, DEFAULT_PERSONS_PER_HOUSEHOLD } from './buildings.layer.js';
import type { LayerImporter } from './district-import.types.js';
import type { ChangeEntry } from './import-report.js';
import { fieldNumber, fieldText, requireFields } from './layer-helpers.js';

const KEY_GUESSES = ['building_code', '楼栋编码', '楼栋编号', '房屋编码', 'code', '地址', 'address'];

export const importRegistry: LayerImporter = async ({ db, district, read, options, report, hooks }) => {
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--key-field': options.keyField,
    '--households-field': options.householdsField,
    '--persons-field': options.personsField,
  });
  const keyField = options.keyField ?? KEY_GUESSES.find((k) => read.fields.includes(k));
  if (!keyField)
    throw new ImportError(
      `name the field holding the building code or address with --key-field; the file's fields are: ${read.fields.join(', ')}`,
    );
  const per = options.registryPer ?? (options.householdsField ? 'building' : 'household');
  if (per === 'building' && !options.householdsField)
    throw new ImportError('a registry with one row per building needs --households-field');
  const { buildings, find } = await buildingKeys(db, dc);
  if (buildings.length === 0) throw new ImportError(`district ${dc} has no buildings yet: import them before the registry`);
  const counts = new Map<number, { households: number; persons: number; rows: number }>();
  let personsMissing = 0;
  read.features.forEach((f, index) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const row = typeof props.__row === 'number' ? props.__row : index + 1;
    const who = { index, id: `row ${row}`, row };
    const key = fieldText(props, keyField);
    if (!key) {
      report.add('rejected', 'missing_key', who, `row ${row} has no ${keyField}`);
      return;
    }
    const b = find(key);
    if (!b) {
      report.add('rejected', 'no_building', { ...who, id: key }, `"${key}" (${keyField}) names no building of the district`);
      return;
    }
    const hh = per === 'building' ? fieldNumber(props, options.householdsField) : 1;
    const p = fieldNumber(props, options.personsField);
    if (hh === undefined || !Number.isFinite(hh) || hh < 0 || (p !== undefined && (!Number.isFinite(p) || p < 0))) {
      report.add('rejected', 'bad_count', { ...who, id: key }, `row ${row}: households or persons is not a whole number ≥ 0`);
      return;
    }
    if (p === undefined) personsMissing++;
    const c = counts.get(b.id) ?? { households: 0, persons: 0, rows: 0 };
    c.households += Math.round(hh);
    c.persons += Math.round(p ?? 0);
    c.rows++;
    counts.set(b.id, c);
  });
  if (personsMissing > 0)
    report.warnings.push(
      `${personsMissing} rows have no persons count${options.personsField ? '' : ' (no --persons-field)'}: they add households only`,
    );
  await hooks.progress?.(0.7, 'compare');
  const without = buildings.filter((b) => !counts.has(b.id));
  for (const b of without)
    report.add(
      'warning',
      'no_registry_row',
      { index: -1, id: b.code ?? String(b.id), name: b.name },
      `building ${b.name} has no registry row: ${options.estimateHouseholds ? 'households estimated' : `keeps ${b.households} households (${b.source})`}`,
    );
  report.total('buildingsMatched', counts.size);
  report.total('buildingsWithoutRow', without.length);
  report.total(
    'households',
    [...counts.values()].reduce((s, c) => s + c.households, 0),
  );
  report.total(
    'persons',
    [...counts.values()].reduce((s, c) => s + c.persons, 0),
  );
  const list: ChangeEntry[] = [];
  let unchanged = 0;
  for (const b of buildings) {
    const c = counts.get(b.id);
    if (!c) continue;
    if (c.households === b.households && c.persons === b.persons && b.source === 'registry') unchanged++;
    else list.push({ code: b.code ?? String(b.id), name: b.name, change: 'attributes', fields: ['households', 'persons'] });
  }
  return {
    accepted: read.featureCount - report.rejected.size,
    changes: { added: 0, removed: 0, geometryChanged: 0, attributesChanged: list.length, unchanged, list },
    async apply(tx: Db, importId: number) {
      const rows = [...counts].map(([id, c]) => ({ id, hh: c.households, p: c.persons, n: c.rows }));
      await tx.query('DELETE FROM building_registry WHERE district_code = $1', [dc]);
      for (let i = 0; i < rows.length; i += 5000) {
        const batch = JSON.stringify(rows.slice(i, i + 5000));
        await tx.query(
          `INSERT INTO building_registry (district_code, building_id, households, persons, source_rows, import_id)
           SELECT $2::char(6), r.id, r.hh, r.p, r.n, $3 FROM json_to_recordset($1::json) AS r(id bigint, hh integer, p integer, n integer)`,
          [batch, dc, importId],
        );
        await tx.query(
          `UPDATE buildings b SET households = r.hh, persons = r.p, households_source = 'registry'
           FROM json_to_recordset($1::json) AS r(id bigint, hh integer, p integer, n integer)
           WHERE b.district_code = $2 AND b.id = r.id AND (b.households, b.persons, b.households_source) IS DISTINCT FROM (r.hh, r.p, 'registry')`,
          [batch, dc],
        );
      }
      if (options.estimateHouseholds && without.length > 0) {
        // Floor area × floors (3 when unknown) ÷ flat size, as the buildings import estimates.
        await tx.query(
          `UPDATE buildings SET households_source = 'estimated',
             households = round(ST_Area(footprint::geography) * CASE WHEN floors > 0 THEN floors ELSE 3 END / $3),
             persons = round(round(ST_Area(footprint::geography) * CASE WHEN floors > 0 THEN floors ELSE 3 END / $3) * $4)
           WHERE district_code = $1 AND id = ANY ($2::bigint[])`,
          [
            dc,
            without.map((b) => b.id),
            options.flatSizeM2 ?? DEFAULT_FLAT_SIZE_M2,
            options.personsPerHousehold ?? DEFAULT_PERSONS_PER_HOUSEHOLD,
          ],
        );
      }
    },
  };
};
