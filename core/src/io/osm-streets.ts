/**
 * Street centrelines from OpenStreetMap ways: the ways a grid boundary may follow (街巷),
 * each one LineString in WGS84 `[lng, lat]` degrees with its OSM tags, and a report of
 * every way read, kept or left out and why. Street classes are motorway … service and
 * living_street; pedestrian streets, footways, paths, cycleways and steps only when asked
 * (`includePaths`), since many of them cross blocks rather than bound them.
 */
import type { Feature, LineString } from 'geojson';
import { parseOsmXml, type OsmData, type OsmWay } from './osm-xml.js';

/** `highway` values read as streets. */
export const OSM_STREET_CLASSES: readonly string[] = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'unclassified',
  'residential',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'living_street',
  'service',
  'road',
];

/** `highway` values read as streets only with `includePaths`. */
export const OSM_PATH_CLASSES: readonly string[] = ['pedestrian', 'footway', 'path', 'cycleway', 'steps', 'track', 'bridleway'];

/** Why a way is not a street line. */
export type OsmDropReason =
  /** No `highway` tag (buildings, land use, rail, water…). */
  | 'not-highway'
  /** A `highway` value that is no street (bus_stop, construction, proposed, platform…). */
  | 'not-street-class'
  /** A path class (footway, path…) without `includePaths`. */
  | 'path'
  /** A closed way tagged `area=yes` (a square, not a street). */
  | 'area'
  /** Fewer than two of its nodes are in the file. */
  | 'too-few-nodes';

export const OSM_DROP_REASONS: readonly OsmDropReason[] = ['not-highway', 'not-street-class', 'path', 'area', 'too-few-nodes'];

export interface OsmStreetOptions {
  /** Keep pedestrian streets, footways, paths, cycleways, steps, tracks and bridleways too (default false). */
  includePaths?: boolean;
}

export interface OsmStreetProperties {
  /** OSM way id. */
  id: string;
  /** The way's `highway` class. */
  highway: string;
  /** `name`, else `name:zh`, else absent. */
  name?: string;
  /** All the way's tags. */
  tags: Record<string, string>;
  /** Set on the pieces of a way whose nodes are partly missing from the file: 1, 2, … */
  part?: number;
}

export interface OsmStreetReport {
  /** Ways in the file. */
  ways: number;
  /** Ways kept (each gives one line, or several when nodes are missing in its middle). */
  kept: number;
  /** Lines written (≥ kept). */
  lines: number;
  /** Ways left out, by reason; `samples` holds up to five way ids per reason. */
  dropped: Record<OsmDropReason, number>;
  samples: Record<OsmDropReason, string[]>;
  /** Node references of kept-class ways that are not in the file: the way is split there. */
  missingNodes: { refs: number; ways: number; sample: string[] };
  /** Nodes without a usable position. */
  badNodes: number;
  /** Relations in the file, not read (multipolygon squares, routes). */
  relations: number;
}

const SAMPLES = 5;

function classOf(way: OsmWay, includePaths: boolean): OsmDropReason | null {
  const highway = way.tags.highway;
  if (highway === undefined) return 'not-highway';
  const closed = way.nodes.length > 2 && way.nodes[0] === way.nodes[way.nodes.length - 1];
  if (closed && way.tags.area === 'yes') return 'area';
  if (OSM_STREET_CLASSES.includes(highway)) return null;
  if (OSM_PATH_CLASSES.includes(highway)) return includePaths ? null : 'path';
  return 'not-street-class';
}

/**
 * The street lines of parsed OSM data. A way whose nodes are partly missing (an extract cut
 * at its edge) is split into the runs of nodes that are present; runs of one node are lost
 * and counted in `missingNodes`.
 *
 * @example
 * const { streets, report } = osmStreets(parseOsmXml(xml), { includePaths: false });
 * report.dropped.path // footways left out
 */
export function osmStreets(
  data: OsmData,
  options: OsmStreetOptions = {},
): { streets: Feature<LineString, OsmStreetProperties>[]; report: OsmStreetReport } {
  const includePaths = options.includePaths ?? false;
  const dropped = Object.fromEntries(OSM_DROP_REASONS.map((r) => [r, 0])) as Record<OsmDropReason, number>;
  const samples = Object.fromEntries(OSM_DROP_REASONS.map((r) => [r, [] as string[]])) as Record<OsmDropReason, string[]>;
  const drop = (reason: OsmDropReason, id: string): void => {
    dropped[reason]++;
    if (samples[reason].length < SAMPLES) samples[reason].push(id);
  };
  const missing = { refs: 0, ways: 0, sample: [] as string[] };
  const streets: Feature<LineString, OsmStreetProperties>[] = [];
  let kept = 0;
  for (const way of data.ways) {
    const reason = classOf(way, includePaths);
    if (reason) {
      drop(reason, way.id);
      continue;
    }
    // Runs of consecutive nodes present in the file.
    const runs: [number, number][][] = [[]];
    let absent = 0;
    for (const ref of way.nodes) {
      const p = data.nodes.get(ref);
      if (p) runs[runs.length - 1]!.push(p);
      else {
        absent++;
        if (runs[runs.length - 1]!.length > 0) runs.push([]);
      }
    }
    if (absent > 0) {
      missing.refs += absent;
      missing.ways++;
      if (missing.sample.length < SAMPLES) missing.sample.push(way.id);
    }
    const lines = runs.filter((r) => r.length >= 2);
    if (lines.length === 0) {
      drop('too-few-nodes', way.id);
      continue;
    }
    kept++;
    const name = way.tags.name ?? way.tags['name:zh'];
    lines.forEach((coordinates, i) => {
      streets.push({
        type: 'Feature',
        properties: {
          id: way.id,
          highway: way.tags.highway!,
          ...(name !== undefined ? { name } : {}),
          tags: way.tags,
          ...(absent > 0 ? { part: i + 1 } : {}),
        },
        geometry: { type: 'LineString', coordinates },
      });
    });
  }
  return {
    streets,
    report: {
      ways: data.ways.length,
      kept,
      lines: streets.length,
      dropped,
      samples,
      missingNodes: missing,
      badNodes: data.badNodes,
      relations: data.relations,
    },
  };
}

/**
 * Street lines straight from OSM XML text (`parseOsmXml` then `osmStreets`).
 *
 * @example
 * const { streets, report } = readOsmStreets(readFileSync('roads.osm', 'utf8'));
 */
export function readOsmStreets(xml: string, options: OsmStreetOptions = {}): ReturnType<typeof osmStreets> {
  return osmStreets(parseOsmXml(xml), options);
}
