/**
 * Buildings (楼栋): footprints from a survey or OpenStreetMap, or points where only an address
 * is known. Pieces with the same id (tiles cut buildings at their edges) are merged into one
 * footprint; pieces that do not touch stay separate buildings (`<id>#2`, …). Floors come from
 * a floors field, else height ÷ 3 m (then marked estimated). Each building goes to the
 * community holding the largest share of it (one across two is reported); one in no
 * community is rejected. Households and persons come from fields when the file has them,
 * else — with `estimateHouseholds` — floor area × floors ÷ a typical flat size (120 m²), marked
 * estimated, else none until the registry is imported. Duplicate building codes are rejected.
 *
 * Importing again matches buildings by code, else by source id, and reports what changed.
 */
import { areaM2 } from '@gridatlas/core';
import type { Point, Polygon } from 'geojson';
import { ImportError } from '../../import/import.types.js';
import type { Db } from '../../db/db.types.js';
import type { LayerImporter } from './district-import.types.js';
import type { ChangeEntry } from './import-report.js';
import { fieldNumber, fieldText, normaliseInto, requireFields, sameGeometry } from './layer-helpers.js';
import type { NormalisedFeature } from './normalise-layer.js';
import { indexPolygons, largestShare, pointOf, unionOf, type Areal } from './spatial-checks.js';
import { pointInPolygon } from '@gridatlas/core';

const ID_GUESSES = ['id', 'osm_id', 'OSM_ID', 'OBJECTID', 'BSM', 'FID'];
const CODE_GUESSES = ['building_code', 'code', 'CODE', '楼栋编码', '楼栋编号', '房屋编码', 'LDBM'];
const NAME_GUESSES = ['name', 'NAME', '名称', '楼栋名称', 'addr:housename'];
const FLOOR_GUESSES = ['floors', 'FLOORS', 'building:levels', 'levels', '层数', '楼层数', 'CS'];
const HEIGHT_GUESSES = ['height', 'HEIGHT', '高度', 'building:height'];
const ADDRESS_GUESSES = ['address', 'addr', '地址', '门牌地址', 'addr:full'];
const USE_GUESSES = ['kind_detail', 'building', 'type', '用途', '房屋用途'];
/** Building uses where no one lives: no households are estimated for them. */
const NON_RESIDENTIAL =
  /^(mall|retail|commercial|industrial|warehouse|office|school|university|college|kindergarten|hospital|church|temple|mosque|train_station|transportation|garage|garages|parking|stadium|sports_centre|public|civic|government|supermarket|hotel|service|shed|roof|construction|商业|工业|办公|学校|医院|仓库|厂房)$/i;
/** Metres per storey when floors come from height. */
export const STOREY_M = 3;
export const DEFAULT_FLAT_SIZE_M2 = 120;
export const DEFAULT_PERSONS_PER_HOUSEHOLD = 2.5;
/** Floors assumed for the estimate when neither floors nor height are known. */
const ESTIMATE_FLOORS = 3;

interface Building {
  index: number;
  sourceId: string;
  code: string | null;
  name: string;
  address: string | null;
  footprint: Polygon | Point;
  floors: number;
  floorsEstimated: boolean;
  heightM: number | null;
  households: number;
  persons: number;
  householdsSource: 'registry' | 'estimated' | 'none';
  community: string;
}

interface ExistingBuilding {
  id: number;
  code: string | null;
  sourceId: string | null;
  name: string;
  floors: number;
  households: number;
  persons: number;
  footprint: Areal | Point;
}

export const importBuildings: LayerImporter = async ({ db, district, read, options, report, hooks }) => {
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--id-field': options.idField,
    '--code-field': options.codeField,
    '--name-field': options.nameField,
    '--floors-field': options.floorsField,
    '--height-field': options.heightField,
    '--households-field': options.householdsField,
    '--persons-field': options.personsField,
    '--address-field': options.addressField,
  });
  // Points (address-only buildings) and footprints are normalised as what they are.
  const pointIdx: number[] = [];
  const areaIdx: number[] = [];
  read.features.forEach((f, i) => (f.geometry?.type === 'Point' ? pointIdx : areaIdx).push(i));
  const idOpt = options.idField ? { idField: options.idField } : {};
  const items = [
    ...normaliseInto(
      report,
      areaIdx.map((i) => read.features[i]!),
      { expect: 'polygon', ...idOpt },
      areaIdx,
    ),
    ...normaliseInto(
      report,
      pointIdx.map((i) => read.features[i]!),
      { expect: 'point', ...idOpt },
      pointIdx,
    ),
  ].sort((a, b) => a.index - b.index);
  await hooks.progress?.(0.25, 'merge');

  // Pieces of one building share its id.
  const groups = new Map<string, NormalisedFeature[]>();
  for (const it of items) {
    const key = fieldText(it.properties, options.idField, ID_GUESSES) ?? `#${it.index + 1}`;
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  const communities = district.regions.filter((r) => r.level === 'community');
  if (communities.length === 0) throw new ImportError(`district ${dc} has no communities yet: import them before the buildings`);
  const index = indexPolygons(communities.map((c) => ({ key: c.code, geometry: c.boundary })));
  const buildings: Building[] = [];
  let done = 0;
  for (const [sourceId, pieces] of groups) {
    if (++done % 500 === 0) await hooks.progress?.(0.25 + (0.5 * done) / groups.size, 'merge');
    const first = pieces[0]!;
    const who = { index: first.index, id: sourceId, ...(first.name ? { name: first.name } : {}) };
    const areas = pieces.filter((p) => p.geometry.type !== 'Point').map((p) => p.geometry as Areal);
    let shapes: (Polygon | Point)[];
    if (areas.length === 0) shapes = [pieces[0]!.geometry as Point];
    else {
      const merged = areas.length === 1 ? areas[0]! : (unionOf(areas) ?? areas[0]!);
      shapes = merged.type === 'Polygon' ? [merged] : merged.coordinates.map((c) => ({ type: 'Polygon' as const, coordinates: c }));
      if (areas.length > 1) {
        report.merged += pieces.length - 1;
        report.add(
          'merged',
          'pieces_merged',
          who,
          `${pieces.length} pieces with id ${sourceId} merged into ${shapes.length === 1 ? 'one footprint' : `${shapes.length} footprints`}`,
          pointOf(shapes[0] as Polygon),
        );
      }
      if (shapes.length > 1)
        report.add(
          'warning',
          'disjoint_pieces',
          who,
          `the parts of ${sourceId} do not touch: kept as ${shapes.length} buildings ${sourceId}#1…#${shapes.length}`,
          pointOf(shapes[0] as Polygon),
        );
    }
    if (areas.length > 0 && pieces.length > areas.length)
      report.add('merged', 'point_with_footprint', who, `a point with id ${sourceId} beside its footprint was dropped into it`);
    // Attributes: the first piece's, floors and height the largest given.
    const props = first.properties;
    const floorsGiven = Math.max(...pieces.map((p) => fieldNumber(p.properties, options.floorsField, FLOOR_GUESSES) ?? -1));
    const heightGiven = Math.max(...pieces.map((p) => fieldNumber(p.properties, options.heightField, HEIGHT_GUESSES) ?? -1));
    let floors: number;
    let floorsEstimated = false;
    if (Number.isFinite(floorsGiven) && floorsGiven > 0) floors = Math.round(floorsGiven);
    else if (Number.isFinite(heightGiven) && heightGiven > 0) {
      floors = Math.max(1, Math.round(heightGiven / STOREY_M));
      floorsEstimated = true;
      report.total('floorsFromHeight');
    } else {
      floors = 0;
      floorsEstimated = true;
      report.total('floorsUnknown');
    }
    const code =
      fieldText(
        props,
        options.codeField,
        options.codeField ? [] : CODE_GUESSES.filter((g) => g !== 'code' || options.idField !== 'code'),
      ) ?? null;
    const name = fieldText(props, options.nameField, NAME_GUESSES) ?? code ?? `楼栋 ${sourceId}`;
    const address = fieldText(props, options.addressField, ADDRESS_GUESSES) ?? null;
    const use = fieldText(props, undefined, USE_GUESSES);
    const givenHouseholds = fieldNumber(props, options.householdsField);
    const givenPersons = fieldNumber(props, options.personsField);
    shapes.forEach((shape, k) => {
      const id = shapes.length > 1 ? `${sourceId}#${k + 1}` : sourceId;
      const whoK = { ...who, id };
      const at = shape.type === 'Point' ? (shape.coordinates as [number, number]) : pointOf(shape);
      const holder =
        shape.type === 'Point'
          ? { community: communities.find((c) => pointInPolygon(shape.coordinates, c.boundary))?.code ?? null, share: 1, holders: 1 }
          : (({ holder: h, share, holders }) => ({ community: h?.key ?? null, share, holders }))(largestShare(shape, index));
      const community = holder.community;
      if (!community) {
        report.add('rejected', 'in_no_community', whoK, `building ${id} lies in no community of the district`, at);
        return;
      }
      if (holder.holders > 1)
        report.add(
          'warning',
          'across_communities',
          whoK,
          `building ${id} lies across ${holder.holders} communities: given to ${community} (${Math.round(holder.share * 100)}% of it)`,
          at,
        );
      let households = 0;
      let persons = 0;
      let source: Building['householdsSource'] = 'none';
      if (givenHouseholds !== undefined || givenPersons !== undefined) {
        households = Number.isFinite(givenHouseholds) ? Math.max(0, Math.round(givenHouseholds ?? 0)) : 0;
        persons = Number.isFinite(givenPersons) ? Math.max(0, Math.round(givenPersons ?? 0)) : 0;
        source = 'registry';
      } else if (options.estimateHouseholds) {
        source = 'estimated';
        if (use && NON_RESIDENTIAL.test(use)) report.total('nonResidential');
        else if (shape.type === 'Point')
          report.add('warning', 'no_area_to_estimate', whoK, `building ${id} is a point: no floor area to estimate households from`, at);
        else {
          const flat = options.flatSizeM2 ?? DEFAULT_FLAT_SIZE_M2;
          households = Math.round((areaM2(shape) * (floors || ESTIMATE_FLOORS)) / flat);
          persons = Math.round(households * (options.personsPerHousehold ?? DEFAULT_PERSONS_PER_HOUSEHOLD));
        }
      }
      if (source === 'estimated') report.total('estimated');
      buildings.push({
        index: first.index,
        sourceId: id,
        code: code && shapes.length > 1 ? `${code}-${k + 1}` : code,
        name,
        address,
        footprint: shape,
        floors,
        floorsEstimated,
        heightM: heightGiven > 0 ? heightGiven : null,
        households,
        persons,
        householdsSource: source,
        community,
      });
    });
  }
  const codes = new Map<string, number>();
  for (const b of buildings) if (b.code) codes.set(b.code, (codes.get(b.code) ?? 0) + 1);
  for (const b of buildings) {
    if (b.code && codes.get(b.code)! > 1)
      report.add(
        'rejected',
        'duplicate_code',
        { index: b.index, id: b.sourceId, name: b.name },
        `building code ${b.code} is used by ${codes.get(b.code)} buildings`,
      );
  }
  const kept = buildings.filter((b) => !b.code || codes.get(b.code) === 1);
  report.total('buildings', kept.length);
  report.total(
    'households',
    kept.reduce((s, b) => s + b.households, 0),
  );
  report.total(
    'persons',
    kept.reduce((s, b) => s + b.persons, 0),
  );
  await hooks.progress?.(0.8, 'compare');

  // Changes against the database: by code, else by source id.
  const existing = await existingBuildings(db, dc);
  const byCode = new Map(existing.filter((e) => e.code).map((e) => [e.code!, e]));
  const bySource = new Map(existing.filter((e) => e.sourceId).map((e) => [e.sourceId!, e]));
  const matched = new Map<Building, ExistingBuilding>();
  const list: ChangeEntry[] = [];
  let unchanged = 0;
  for (const b of kept) {
    const old = (b.code ? byCode.get(b.code) : undefined) ?? bySource.get(b.sourceId);
    if (!old || [...matched.values()].includes(old)) {
      list.push({ code: b.code ?? b.sourceId, name: b.name, change: 'added' });
      continue;
    }
    matched.set(b, old);
    const geom = !sameGeometry(old.footprint, b.footprint);
    const fields = (['name', 'floors', 'households', 'persons'] as const).filter((k) => old[k] !== b[k]);
    if (!geom && fields.length === 0) unchanged++;
    else
      list.push({
        code: b.code ?? b.sourceId,
        name: b.name,
        change: geom && fields.length ? 'geometry+attributes' : geom ? 'geometry' : 'attributes',
        ...(fields.length ? { fields: [...fields] } : {}),
      });
  }
  const matchedIds = new Set([...matched.values()].map((e) => e.id));
  const gone = existing.filter((e) => !matchedIds.has(e.id));
  const inUse = await buildingsInUse(
    db,
    dc,
    gone.map((g) => g.id),
  );
  const removed: number[] = [];
  for (const g of gone) {
    if (inUse.has(g.id))
      report.add(
        'warning',
        'kept_in_use',
        { index: -1, id: g.code ?? g.sourceId ?? String(g.id), name: g.name },
        `building ${g.name} is not in the file but incidents, visits or special-group records point at it: kept`,
      );
    else {
      removed.push(g.id);
      list.push({ code: g.code ?? g.sourceId ?? String(g.id), name: g.name, change: 'removed' });
    }
  }
  const count = (c: ChangeEntry['change'][]) => list.filter((x) => c.includes(x.change)).length;
  return {
    accepted: kept.length,
    changes: {
      added: count(['added']),
      removed: count(['removed']),
      geometryChanged: count(['geometry', 'geometry+attributes']),
      attributesChanged: count(['attributes', 'geometry+attributes']),
      unchanged,
      list,
    },
    async apply(tx, importId) {
      if (removed.length) await tx.query('DELETE FROM buildings WHERE district_code = $1 AND id = ANY ($2::bigint[])', [dc, removed]);
      const next = (await tx.query<{ n: number }>('SELECT coalesce(max(id), 0) + 1 AS n FROM buildings WHERE district_code = $1', [dc]))
        .rows[0]!.n;
      let id = next;
      const rows = kept.map((b) => ({
        id: matched.get(b)?.id ?? id++,
        code: b.code,
        src: b.sourceId,
        name: b.name,
        addr: b.address,
        community: b.community,
        g: b.footprint,
        floors: b.floors,
        fe: b.floorsEstimated,
        h: b.heightM,
        hh: b.households,
        p: b.persons,
        hs: b.householdsSource,
      }));
      // Codes move between buildings on a re-import: free them first, then write.
      await tx.query('UPDATE buildings SET code = NULL WHERE district_code = $1 AND id = ANY ($2::bigint[])', [dc, [...matchedIds]]);
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.query(
          `INSERT INTO buildings (district_code, id, compound_id, community_code, name, footprint, floors, units, households, persons,
             source_id, code, address, height_m, floors_estimated, households_source, import_id)
           SELECT $2::char(6), r.id, NULL, r.community, r.name, ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326), r.floors, 0, r.hh, r.p,
             r.src, r.code, r.addr, r.h, r.fe, r.hs, $3
           FROM json_to_recordset($1::json) AS r(id bigint, code text, src text, name text, addr text, community text, g json, floors integer,
             fe boolean, h double precision, hh integer, p integer, hs text)
           ON CONFLICT (district_code, id) DO UPDATE SET community_code = excluded.community_code, name = excluded.name,
             footprint = excluded.footprint, floors = excluded.floors, households = excluded.households, persons = excluded.persons,
             source_id = excluded.source_id, code = excluded.code, address = excluded.address, height_m = excluded.height_m,
             floors_estimated = excluded.floors_estimated, households_source = excluded.households_source, import_id = excluded.import_id`,
          [JSON.stringify(rows.slice(i, i + 1000)), dc, importId],
        );
      }
      // Registry counts of buildings whose counts now come from the file or an estimate no longer apply.
      await tx.query(
        `DELETE FROM building_registry r USING buildings b WHERE b.district_code = $1 AND r.district_code = b.district_code AND r.building_id = b.id AND b.import_id = $2 AND b.households_source <> 'registry'`,
        [dc, importId],
      );
    },
  };
};

async function existingBuildings(db: Db, dc: string): Promise<ExistingBuilding[]> {
  const r = await db.query<ExistingBuilding>(
    `SELECT id, code, source_id AS "sourceId", name, floors, households, persons, ST_AsGeoJSON(footprint, 9)::json AS footprint
     FROM buildings WHERE district_code = $1`,
    [dc],
  );
  return r.rows;
}

async function buildingsInUse(db: Db, dc: string, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const r = await db.query<{ id: number }>(
    `SELECT b.id FROM unnest($2::bigint[]) AS b(id)
     WHERE EXISTS (SELECT 1 FROM incidents i WHERE i.district_code = $1 AND i.building_id = b.id)
        OR EXISTS (SELECT 1 FROM visits v WHERE v.district_code = $1 AND v.building_id = b.id)
        OR EXISTS (SELECT 1 FROM special_group_records s WHERE s.district_code = $1 AND s.building_id = b.id)`,
    [dc, ids],
  );
  return new Set(r.rows.map((x) => x.id));
}
