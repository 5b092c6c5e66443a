/**
 * Maps for reports: a region's grids filled by one value per grid (incidents per 1,000
 * households, households), drawn by the print engine's SVG map from PostGIS layers. The
 * values come from the analytics code the analyst's choropleth uses (`incidentGridCounts`),
 * so a report's map and the web map agree.
 */
import { gridLoad, type RuleProfile } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { gridsInForce } from '../dashboard/grids-in-force.js';
import { LOAD_CLASS_ORDER, loadClassColours } from '../print/load-classes.js';
import { incidentGridCounts } from '../analytics/incidents-grids.route.js';
import type { IncidentFilter } from '../analytics/incidents-filter.js';
import type { RegionScope } from '../regions/region-scope.js';
import { loadMapLayers, renderSvgMap } from '../print/index.js';
import type { ReportImage } from './report-document.js';

/** The printed map's box in CSS px: 17 cm × 12 cm at 96 dpi, the width of an A4 page's text. */
export const REPORT_MAP_SIZE = { width: 640, height: 450 } as const;

/** Grid labels clutter a map of many grids: drawn only up to this many. */
const MAX_LABELLED_GRIDS = 40;

export interface GridValues {
  /** Per grid code; null draws "no data". */
  values: Map<string, number | null>;
  /** Per grid code, its households (from the same placement rule as the grids layer). */
  households: Map<string, number>;
  /** Per grid code, the incidents counted. */
  counts: Map<string, number>;
  /** Incidents matching, including those in no grid. */
  total: number;
}

/** Incidents per 1,000 households and households per grid of a region in a window of days (`YYYY-MM-DD`, `to` exclusive, Asia/Shanghai). */
export async function incidentRatesByGrid(
  db: Db,
  region: RegionScope,
  jurisdictions: readonly string[],
  window: { from: string; to: string },
  categories: string[] | null = null,
): Promise<GridValues> {
  const filter: IncidentFilter = {
    region,
    jurisdictions,
    from: `${window.from}T00:00:00+08:00`,
    to: `${window.to}T00:00:00+08:00`,
    categories,
    channels: null,
    states: null,
  };
  const counts = await incidentGridCounts(db, filter);
  return {
    values: new Map(counts.rows.map((r) => [r.code, r.perThousandHouseholds])),
    households: new Map(counts.rows.map((r) => [r.code, r.households])),
    counts: new Map(counts.rows.map((r) => [r.code, r.count])),
    total: counts.total,
  };
}

/** A choropleth map of `values` over the grids in force in `regionCode`. */
export async function choroplethMap(
  db: Db,
  regionCode: string,
  values: ReadonlyMap<string, number | null>,
  text: { title: string; legend: string; caption?: string },
): Promise<ReportImage> {
  const { width, height } = REPORT_MAP_SIZE;
  const loaded = await loadMapLayers(db, { code: regionCode, width, values, maxBuildings: 4000 });
  const svg = renderSvgMap(loaded.layers, {
    width,
    height,
    bbox: loaded.bbox,
    choropleth: { title: text.legend },
    gridLabels: loaded.layers.grids.length <= MAX_LABELLED_GRIDS,
  });
  return { kind: 'map', title: text.title, svg, width, height, ...(text.caption ? { caption: text.caption } : {}) };
}

/**
 * The district map's grid-load map of a region: its grids in force now (as the live map and
 * `current_grids` show them) coloured by core's `gridLoad` class against `profile`, with the
 * live map's legend — classes, their colours and the rule — printed on the map.
 */
export async function loadClassMap(
  db: Db,
  region: RegionScope,
  profile: Readonly<RuleProfile>,
  text: { title: string; legend: string; classes: Record<(typeof LOAD_CLASS_ORDER)[number], string>; note: string },
): Promise<ReportImage> {
  const { width, height } = REPORT_MAP_SIZE;
  const grids = await gridsInForce(db, region.districtCode, Date.now(), region.analyticsVersion);
  const values = new Map(
    grids
      .filter((g) => g.communityCode.startsWith(region.code))
      .map((g) => [g.code, LOAD_CLASS_ORDER.indexOf(gridLoad(g, profile, { type: g.type }).status)]),
  );
  const loaded = await loadMapLayers(db, { code: region.code, width, values, maxBuildings: 4000 });
  const colours = loadClassColours(profile.underFillRatio);
  const svg = renderSvgMap(loaded.layers, {
    width,
    height,
    bbox: loaded.bbox,
    categories: {
      title: text.legend,
      note: text.note,
      classes: LOAD_CLASS_ORDER.map((k) => ({ label: text.classes[k], color: colours[k] })),
    },
    gridLabels: loaded.layers.grids.length <= MAX_LABELLED_GRIDS,
  });
  return { kind: 'map', title: text.title, svg, width, height };
}
