/**
 * Streets: lines from OSM or a road file. Their class — arterial, secondary, branch or lane,
 * what grids follow and the map draws — comes from a class field or the OSM `highway` value
 * (Tilezen's `kind`/`kind_detail` too); railways and roads under construction are refused as
 * not streets. A MultiLineString becomes one street per part. Importing again replaces the
 * district's streets and reports the change by source id.
 */
import type { LineString } from 'geojson';
import type { Db } from '../../db/db.types.js';
import type { LayerImporter } from './district-import.types.js';
import type { ChangeEntry } from './import-report.js';
import { fieldText, normaliseInto, requireFields, sameGeometry } from './layer-helpers.js';

type StreetClass = 'arterial' | 'secondary' | 'branch' | 'lane';

const CLASS_GUESSES = ['highway', 'kind_detail', 'class', 'CLASS', 'fclass', '道路等级', 'kind'];
const NAME_GUESSES = ['name', 'NAME', '名称', '道路名称', 'road_name'];
const ID_GUESSES = ['id', 'osm_id', 'OBJECTID', 'FID'];

const CLASSES: [RegExp, StreetClass][] = [
  [/^(motorway|trunk|primary|major_road|highway|arterial|expressway|快速路|主干路|主干道|高速)(_link)?$/i, 'arterial'],
  [/^(secondary|tertiary|secondary_link|tertiary_link|次干路|次干道)$/i, 'secondary'],
  [/^(residential|unclassified|living_street|minor_road|road|branch|支路)$/i, 'branch'],
  [/^(service|footway|path|pedestrian|track|steps|cycleway|alley|lane|bridleway|巷|巷道|街巷|步行道)$/i, 'lane'],
];
const NOT_STREET = /^(rail|railway|light_rail|subway|tram|construction|proposed|abandoned|platform|ferry|aerialway|铁路)$/i;

export function streetClassOf(value: string | undefined): StreetClass | 'not_street' | null {
  if (!value) return null;
  if (NOT_STREET.test(value)) return 'not_street';
  return CLASSES.find(([re]) => re.test(value))?.[1] ?? null;
}

export const importStreets: LayerImporter = async ({ db, district, read, options, report }) => {
  const dc = district.districtCode;
  requireFields(read.fields, { '--class-field': options.classField, '--name-field': options.nameField, '--id-field': options.idField });
  const items = normaliseInto(report, read.features, { expect: 'line', ...(options.idField ? { idField: options.idField } : {}) });
  const streets: { index: number; sourceId: string; name: string; cls: StreetClass; sourceClass: string | null; geom: LineString }[] = [];
  for (const it of items) {
    const who = { index: it.index, id: it.id, ...(it.name ? { name: it.name } : {}) };
    // Tilezen writes the road's class in kind_detail and a coarse one in kind: the finer first.
    const values = options.classField
      ? [fieldText(it.properties, options.classField)]
      : CLASS_GUESSES.map((g) => fieldText(it.properties, g));
    const classes = values.map(streetClassOf);
    if (classes.includes('not_street')) {
      report.add('rejected', 'not_a_street', who, `${values.find((v, i) => classes[i] === 'not_street')} is not a street`);
      continue;
    }
    const k = classes.findIndex((c) => c !== null);
    let cls: StreetClass = 'branch';
    if (k < 0)
      report.add(
        'warning',
        'unknown_class',
        who,
        `no street class in ${options.classField ?? CLASS_GUESSES.join('/')}${values.find(Boolean) ? ` ("${values.find(Boolean)}")` : ''}: taken as a branch road`,
      );
    else cls = classes[k] as StreetClass;
    const parts = it.geometry.type === 'MultiLineString' ? it.geometry.coordinates : [(it.geometry as LineString).coordinates];
    if (parts.length > 1)
      report.add('warning', 'multiline_split', who, `a MultiLineString of ${parts.length} parts became ${parts.length} streets`);
    const sourceId = fieldText(it.properties, options.idField, ID_GUESSES) ?? String(it.index + 1);
    parts.forEach((coordinates, p) =>
      streets.push({
        index: it.index,
        sourceId: parts.length > 1 ? `${sourceId}#${p + 1}` : sourceId,
        name: fieldText(it.properties, options.nameField, NAME_GUESSES) ?? '',
        cls,
        sourceClass: k >= 0 ? (values[k] ?? null) : null,
        geom: { type: 'LineString', coordinates },
      }),
    );
  }
  report.total('streets', streets.length);
  const old = (
    await db.query<{ sourceId: string | null; name: string; cls: string; geom: LineString }>(
      `SELECT source_id AS "sourceId", name, class AS cls, ST_AsGeoJSON(geom, 9)::json AS geom FROM streets WHERE district_code = $1`,
      [dc],
    )
  ).rows;
  const bySource = new Map(old.filter((o) => o.sourceId).map((o) => [o.sourceId!, o]));
  const list: ChangeEntry[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const s of streets) {
    const o = bySource.get(s.sourceId);
    seen.add(s.sourceId);
    if (!o) list.push({ code: s.sourceId, name: s.name, change: 'added' });
    else {
      const geom = !sameGeometry(o.geom, s.geom);
      const fields = [o.name !== s.name ? 'name' : null, o.cls !== s.cls ? 'class' : null].filter((x): x is string => x !== null);
      if (!geom && !fields.length) unchanged++;
      else
        list.push({
          code: s.sourceId,
          name: s.name,
          change: geom && fields.length ? 'geometry+attributes' : geom ? 'geometry' : 'attributes',
          ...(fields.length ? { fields } : {}),
        });
    }
  }
  for (const o of old) if (!o.sourceId || !seen.has(o.sourceId)) list.push({ code: o.sourceId ?? '', name: o.name, change: 'removed' });
  const count = (c: ChangeEntry['change'][]) => list.filter((x) => c.includes(x.change)).length;
  return {
    accepted: streets.length,
    changes: {
      added: count(['added']),
      removed: count(['removed']),
      geometryChanged: count(['geometry', 'geometry+attributes']),
      attributesChanged: count(['attributes', 'geometry+attributes']),
      unchanged,
      list,
    },
    async apply(tx: Db, importId: number) {
      await tx.query('DELETE FROM streets WHERE district_code = $1', [dc]);
      // One statement: the stretches trigger then cuts all new streets at once.
      await tx.query(
        `INSERT INTO streets (district_code, id, name, class, geom, source_id, source_class, import_id)
         SELECT $2::char(6), nextval('streets_id_seq'), r.name, r.cls, ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326), r.src, r.sc, $3
         FROM json_to_recordset($1::json) AS r(name text, cls text, g json, src text, sc text)`,
        [JSON.stringify(streets.map((s) => ({ name: s.name, cls: s.cls, g: s.geom, src: s.sourceId, sc: s.sourceClass }))), dc, importId],
      );
    },
  };
};
