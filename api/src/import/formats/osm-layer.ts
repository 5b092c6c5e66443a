/**
 * OpenStreetMap XML (`.osm`, as JOSM, Overpass or OSMnx export it) as a layer of street lines,
 * through core's OSM reader (the one `gridatlas delineate --streets x.osm` uses): one record per
 * street way (or per piece of a way whose nodes are partly missing from the extract), with the
 * way's id, `highway` class, name and tags as fields. Ways that are no street — buildings, land
 * use, rail, squares, footpaths, ways with fewer than two nodes in the file — are counted per
 * reason with sample way ids as warnings, never dropped silently. OSM is WGS84 by definition.
 */
import { OSM_DROP_REASONS, readOsmStreets, WGS84, type OsmDropReason } from '@gridatlas/core';
import { FormatError } from './format-error.js';
import { decodeText } from './geojson-layer.js';
import { LayerWarnings } from './layer-warnings.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';

const DROPPED: Record<OsmDropReason, string> = {
  'not-highway': 'ways without a highway tag (buildings, land use, rail, water) are not streets',
  'not-street-class': 'highway values that are no street (bus stops, construction, proposed, platforms) were left out',
  path: 'footways, paths, cycleways, steps and tracks were left out (streets only)',
  area: 'closed ways tagged area=yes are squares, not streets',
  'too-few-nodes': 'ways with fewer than two of their nodes in the file cannot be drawn',
};

export function osmLayer(name: string, bytes: Uint8Array, options: { encoding?: string }): RawLayer {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const { text, encoding } = decodeText(bytes, options.encoding, declared);
  if (!/<osm[\s>]/.test(text.slice(0, 2000))) throw new FormatError('unreadable', 'not an OpenStreetMap XML file (no <osm> element)');
  let read: ReturnType<typeof readOsmStreets>;
  try {
    read = readOsmStreets(text);
  } catch (error) {
    throw new FormatError('unreadable', `not readable as OpenStreetMap XML: ${(error as Error).message}`);
  }
  const { streets, report } = read;
  const warnings = new LayerWarnings();
  for (const reason of OSM_DROP_REASONS) {
    const n = report.dropped[reason];
    if (n > 0)
      warnings.add(`osm_${reason.replace(/-/g, '_')}`, DROPPED[reason], report.samples[reason].map((id) => `way/${id}`).join(', '), n);
  }
  if (report.missingNodes.refs > 0) {
    warnings.add(
      'osm_missing_nodes',
      `${report.missingNodes.refs} node reference(s) of ${report.missingNodes.ways} street way(s) are not in the file: those ways are split there into parts`,
      report.missingNodes.sample.join(', '),
      report.missingNodes.ways,
    );
  }
  if (report.badNodes > 0) warnings.add('osm_bad_nodes', 'nodes without a usable position were skipped', undefined, report.badNodes);
  if (report.relations > 0)
    warnings.add('osm_relations', 'relations (multipolygon squares, routes) are not read', undefined, report.relations);
  const types = new FieldTypes();
  return {
    format: 'osm',
    name,
    encoding,
    declaredCrs: { crs: WGS84, how: 'default' },
    fields: null,
    count: streets.length,
    bbox: null,
    geometryKind: 'line',
    warnings,
    fieldTypes: types,
    async *records(): AsyncIterable<RawRecord> {
      let row = 0;
      for (const s of streets) {
        row++;
        const { tags, ...own } = s.properties;
        // The way's tags as fields, then its own id, class, name and part over them.
        const properties: Record<string, unknown> = { ...tags, ...own, id: `way/${own.id}` };
        types.see(properties);
        yield { row, geometry: s.geometry, properties };
      }
    },
  };
}
