/**
 * Subdistricts (街道/乡镇) and communities (社区/村): polygons with a code, a name and a
 * parent. Valid codes are kept; a missing or unusable one is matched by name in the national
 * list within the parent, else generated (9xx) for the admin to confirm; all proposals are
 * reported. Checks: duplicate codes, regions outside the district (rejected) or partly
 * outside (warned), overlaps between regions of the layer and gaps they leave inside their
 * parent. A community whose subdistrict the database lacks gets one made from its code (its
 * official name, the union of its communities as boundary), reported as proposed.
 *
 * Importing the layer again updates regions by code and reports what changed; regions missing
 * from the file are removed unless something (a community, a building, a grid) still uses them.
 */
import type { Polygon } from 'geojson';
import type { Db } from '../../db/db.types.js';
import { codeAtLevel, districtDivisions, generatedCode, matchByName, type DivisionEntry } from './division-codes.js';
import type { LayerImporter, PreparedLayer } from './district-import.types.js';
import type { ChangeEntry, CodeProposal } from './import-report.js';
import { fieldText, normaliseInto, requireFields, sameGeometry } from './layer-helpers.js';
import { gapsInside, indexPolygons, largestShare, overlapsWithin, pointOf, sharedAreaM2, unionOf, type Areal } from './spatial-checks.js';
import { areaM2 } from '@gridatlas/core';

const CODE_GUESSES = ['code', 'CODE', 'Code', '区划代码', '代码', '编码', 'adcode', 'ADCODE', 'QHDM', 'XZQDM'];
const NAME_GUESSES = ['name', 'NAME', 'Name', '名称', '社区名称', '街道名称', 'QHMC', 'XZQMC'];
const PARENT_GUESSES = ['parent', 'parent_code', '所属街道', '街道', 'PARENT'];
/** Overlaps and gaps smaller than these are drawing noise, not findings (m²). */
const MIN_OVERLAP_M2 = 10;
const MIN_GAP_M2 = 100;

interface Accepted {
  index: number;
  id: string;
  key: string;
  code: string;
  name: string;
  parent: string;
  origin: 'source' | 'matched' | 'generated';
  geometry: Areal;
  attributes: Record<string, unknown>;
}

export const importBoundaries: LayerImporter = async ({ db, district, read, options, report, hooks }) => {
  const level = options.layer === 'subdistricts' ? 'subdistrict' : 'community';
  const [len, parentLen] = level === 'subdistrict' ? ([9, 6] as const) : ([12, 9] as const);
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--code-field': options.codeField,
    '--name-field': options.nameField,
    '--parent-field': options.parentField,
  });
  const items = normaliseInto(report, read.features, { expect: 'polygon', ...(options.nameField ? { nameField: options.nameField } : {}) });
  await hooks.progress?.(0.3, 'check');
  const official = await districtDivisions(dc);
  const officialList: DivisionEntry[] = level === 'subdistrict' ? official.subdistricts : official.communities;
  const existingParents = district.regions.filter((r) => r.level === (level === 'subdistrict' ? 'district' : 'subdistrict'));
  const parentIndex = indexPolygons(existingParents.map((r) => ({ key: r.code, geometry: r.boundary })));
  // Codes of other levels are taken; this level's are the file's to give again (a re-import
  // matches the same names to the same codes, and generates the same serials in file order).
  const taken = new Set(district.regions.filter((r) => r.level !== level).map((r) => r.code));
  const accepted: Accepted[] = [];
  const proposals: CodeProposal[] = [];
  const codeCount = new Map<string, number>();

  for (const it of items) {
    const props = it.properties;
    const who = { index: it.index, id: it.id, ...(it.name ? { name: it.name } : {}) };
    const name = fieldText(props, options.nameField, NAME_GUESSES) ?? it.name;
    if (!name) {
      report.add(
        'rejected',
        'missing_name',
        who,
        `the ${level} has no name${options.nameField ? ` in "${options.nameField}"` : ': name the field with --name-field'}`,
        pointOf(it.geometry as Areal),
      );
      continue;
    }
    const geometry = it.geometry as Areal;
    const given = fieldText(props, options.codeField, CODE_GUESSES) ?? null;
    let code = codeAtLevel(given, len);
    if (code && !code.startsWith(dc)) {
      report.add(
        'warning',
        'code_outside_district',
        who,
        `code ${given} is not under district ${dc}: a code is proposed instead`,
        pointOf(geometry),
      );
      code = null;
    } else if (given !== null && code === null) {
      report.add('warning', 'invalid_code', who, `"${given}" is not a ${len}-digit code: a code is proposed instead`, pointOf(geometry));
    }
    let parent: string | null = code ? code.slice(0, parentLen) : level === 'subdistrict' ? dc : null;
    if (!parent) {
      const rawParent = fieldText(props, options.parentField, options.parentField ? [] : PARENT_GUESSES);
      if (rawParent) {
        parent =
          codeAtLevel(rawParent, 9) ??
          existingParents.find((p) => p.name === rawParent)?.code ??
          matchByName(rawParent, official.subdistricts)?.code ??
          null;
      }
      if (!parent) parent = largestShare(geometry, parentIndex).holder?.key ?? null;
    }
    let origin: Accepted['origin'] = 'source';
    if (!code) {
      const within = parent ? officialList.filter((o) => o.parent === parent) : officialList;
      const match = matchByName(name, within);
      if (match && !taken.has(match.code)) {
        code = match.code;
        origin = 'matched';
        parent = match.code.slice(0, parentLen);
        proposals.push({ id: it.id, name, given, code, origin, officialName: match.name });
      } else if (parent) {
        code = generatedCode(parent, taken);
        origin = 'generated';
        proposals.push({ id: it.id, name, given, code, origin });
      } else {
        report.add(
          'rejected',
          'no_parent',
          who,
          `cannot tell which subdistrict "${name}" belongs to: give 12-digit codes, name it with --parent-field, or import the subdistricts first`,
          pointOf(geometry),
        );
        continue;
      }
      report.add(
        'proposed',
        origin === 'matched' ? 'code_matched' : 'code_generated',
        who,
        origin === 'matched'
          ? `code ${code} matched by name (${proposals.at(-1)!.officialName})`
          : `code ${code} generated: confirm it or give the official code`,
      );
    }
    taken.add(code);
    codeCount.set(code, (codeCount.get(code) ?? 0) + 1);
    // Inside the district? A coarse district boundary leaves some margin: only a region
    // with (almost) nothing inside it is refused.
    const area = areaM2(geometry);
    const inside = area > 0 ? sharedAreaM2(geometry, district.boundary) / area : 1;
    if (inside < 0.01) {
      report.add('rejected', 'outside_district', who, `"${name}" lies outside district ${dc}`, pointOf(geometry));
      continue;
    }
    if (inside < 0.9)
      report.add(
        'warning',
        'partly_outside_district',
        who,
        `${Math.round((1 - inside) * 100)}% of "${name}" lies outside the district boundary`,
        pointOf(geometry),
      );
    accepted.push({ index: it.index, id: it.id, key: code, code, name, parent: parent!, origin, geometry, attributes: props });
  }
  for (const a of accepted) {
    if ((codeCount.get(a.code) ?? 0) > 1)
      report.add(
        'rejected',
        'duplicate_code',
        { index: a.index, id: a.id, name: a.name },
        `code ${a.code} is used by ${codeCount.get(a.code)} features`,
        pointOf(a.geometry),
      );
  }
  const kept = accepted.filter((a) => (codeCount.get(a.code) ?? 0) === 1);
  await hooks.progress?.(0.6, 'overlaps');

  // Overlaps within the layer, and gaps inside each parent.
  const byIndex = new Map(kept.map((a) => [a.code, a]));
  for (const o of overlapsWithin(indexPolygons(kept), MIN_OVERLAP_M2)) {
    const a = byIndex.get(o.a)!;
    report.add(
      'warning',
      'overlap',
      { index: a.index, id: a.id, name: a.name },
      `"${a.name}" and "${byIndex.get(o.b)!.name}" overlap by ${o.areaM2} m²`,
      o.at,
    );
  }
  const newParents = new Map<string, Accepted[]>();
  for (const a of kept) newParents.set(a.parent, [...(newParents.get(a.parent) ?? []), a]);
  const parentRows = new Map(existingParents.map((p) => [p.code, p]));
  const createdParents: { code: string; name: string; boundary: Areal }[] = [];
  for (const [parent, children] of newParents) {
    const row = parentRows.get(parent);
    if (row) {
      for (const g of gapsInside(
        row.boundary,
        children.map((c) => c.geometry),
        MIN_GAP_M2,
      )) {
        report.add(
          'warning',
          'gap_in_parent',
          { index: children[0]!.index, id: parent, name: row.name },
          `${g.areaM2} m² of "${row.name}" is in none of its ${level === 'subdistrict' ? 'subdistricts' : 'communities'}`,
          g.at,
        );
      }
    } else if (level === 'community') {
      const officialName = official.subdistricts.find((s) => s.code === parent)?.name;
      const boundary = unionOf(children.map((c) => c.geometry))!;
      createdParents.push({ code: parent, name: officialName ?? `${parent}街道`, boundary });
      report.add(
        'proposed',
        'subdistrict_created',
        { index: children[0]!.index, id: parent, name: officialName ?? parent },
        `subdistrict ${parent} (${officialName ?? 'name unknown'}) made from its ${children.length} communities: import the subdistricts to replace it`,
      );
    }
  }

  // Changes against the database, by code.
  const existing = new Map(district.regions.filter((r) => r.level === level).map((r) => [r.code, r]));
  const list: ChangeEntry[] = [];
  let unchanged = 0;
  for (const a of kept) {
    const old = existing.get(a.code);
    if (!old) {
      list.push({ code: a.code, name: a.name, change: 'added' });
      continue;
    }
    const geom = !sameGeometry(old.boundary, a.geometry);
    const fields = [old.name !== a.name ? 'name' : null, old.parentCode !== a.parent ? 'parent' : null].filter(
      (x): x is string => x !== null,
    );
    if (!geom && fields.length === 0) unchanged++;
    else
      list.push({
        code: a.code,
        name: a.name,
        change: geom && fields.length ? 'geometry+attributes' : geom ? 'geometry' : 'attributes',
        ...(fields.length ? { fields } : {}),
      });
  }
  const fileCodes = new Set(kept.map((a) => a.code));
  const gone = [...existing.values()].filter((r) => !fileCodes.has(r.code));
  const inUse = await regionsInUse(
    db,
    district.districtCode,
    gone.map((r) => r.code),
  );
  for (const r of gone) {
    if (inUse.has(r.code))
      report.add(
        'warning',
        'kept_in_use',
        { index: -1, id: r.code, name: r.name },
        `${r.name} (${r.code}) is not in the file but still holds ${inUse.get(r.code)}: kept`,
      );
    else list.push({ code: r.code, name: r.name, change: 'removed' });
  }
  const count = (c: ChangeEntry['change'][]) => list.filter((x) => c.includes(x.change)).length;
  report.total(level === 'subdistrict' ? 'subdistricts' : 'communities', kept.length);

  const prepared: PreparedLayer = {
    accepted: kept.length,
    codes: {
      kept: kept.filter((a) => a.origin === 'source').length,
      matched: proposals.filter((p) => p.origin === 'matched').length,
      generated: proposals.filter((p) => p.origin === 'generated').length,
      proposals,
    },
    changes: {
      added: count(['added']),
      removed: count(['removed']),
      geometryChanged: count(['geometry', 'geometry+attributes']),
      attributesChanged: count(['attributes', 'geometry+attributes']),
      unchanged,
      list,
    },
    async apply(tx, importId) {
      const rows = [
        ...createdParents.map((p) => ({
          code: p.code,
          level: 'subdistrict',
          parent: dc,
          name: p.name,
          origin: 'generated',
          g: p.boundary,
          attrs: {},
        })),
        ...kept.map((a) => ({ code: a.code, level, parent: a.parent, name: a.name, origin: a.origin, g: a.geometry, attrs: a.attributes })),
      ];
      await upsertRegions(tx, dc, rows, importId);
      const removed = list.filter((c) => c.change === 'removed').map((c) => c.code);
      if (removed.length) await tx.query('DELETE FROM regions WHERE district_code = $1 AND code = ANY ($2::text[])', [dc, removed]);
    },
  };
  return prepared;
};

async function upsertRegions(
  tx: Db,
  dc: string,
  rows: { code: string; level: string; parent: string; name: string; origin: string; g: Areal | Polygon; attrs: Record<string, unknown> }[],
  importId: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.query(
      `INSERT INTO regions (district_code, code, level, parent_code, name, boundary, import_id, code_origin, attributes)
       SELECT $2::char(6), r.code, r.level, r.parent, r.name, ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326), $3, r.origin, coalesce(r.attrs, '{}'::jsonb)
       FROM json_to_recordset($1::json) AS r(code text, level text, parent text, name text, g json, origin text, attrs jsonb)
       ON CONFLICT (district_code, code) DO UPDATE SET parent_code = excluded.parent_code, name = excluded.name, boundary = excluded.boundary,
         import_id = excluded.import_id, code_origin = excluded.code_origin, attributes = excluded.attributes`,
      [JSON.stringify(rows.slice(i, i + 500)), dc, importId],
    );
  }
}

/** Of `codes`, those still used by a child region, a building, a compound, a plan, grid or staff assignment: code → what. */
async function regionsInUse(db: Db, dc: string, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const r = await db.query<{ code: string; what: string }>(
    `SELECT c.code, concat_ws(', ',
       CASE WHEN EXISTS (SELECT 1 FROM regions x WHERE x.district_code = $1 AND x.parent_code = c.code) THEN 'regions' END,
       CASE WHEN EXISTS (SELECT 1 FROM buildings b WHERE b.district_code = $1 AND b.community_code = c.code) THEN 'buildings' END,
       CASE WHEN EXISTS (SELECT 1 FROM compounds k WHERE k.district_code = $1 AND k.community_code = c.code) THEN 'compounds' END,
       CASE WHEN EXISTS (SELECT 1 FROM plans p WHERE p.district_code = $1 AND p.region_code = c.code) THEN 'plans' END,
       CASE WHEN EXISTS (SELECT 1 FROM grids g WHERE g.district_code = $1 AND g.community_code = c.code) THEN 'grids' END,
       CASE WHEN EXISTS (SELECT 1 FROM zones z WHERE z.district_code = $1 AND z.community_code = c.code) THEN 'zones' END,
       CASE WHEN EXISTS (SELECT 1 FROM staff_assignments s WHERE s.district_code = $1 AND s.region_code = c.code) THEN 'staff' END) AS what
     FROM unnest($2::text[]) AS c(code)`,
    [dc, codes],
  );
  return new Map(r.rows.filter((x) => x.what !== '').map((x) => [x.code, x.what]));
}
