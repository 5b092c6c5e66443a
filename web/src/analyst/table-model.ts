/**
 * The table behind the active layer, as shown in the panel and exported as CSV: per-grid
 * rows for the grid layers (sorted by the layer's measure, heaviest first), one row per
 * track for the playback.
 */
import type { MessageKey } from '../i18n/messages';
import type { SpecialGroupGrids, VisitDueGrids } from '@gridatlas/api/contract';
import type { AnalystLayer, ChoroplethMetric } from './analyst-layers';
import type { Cell } from './csv';
import type { DisplayTrack } from './decode-points';
import { cellValue, metricValue, type GridStats } from './grid-stats';

export interface TableColumn {
  key: string;
  /** A message key, or a literal header (special-group category names). */
  label: MessageKey | { text: string };
}

export interface TableModel {
  /** File name stem of the CSV export. */
  name: string;
  columns: TableColumn[];
  rows: Cell[][];
}

const round = (v: number | null, digits = 1): number | null => (v === null ? null : Number(v.toFixed(digits)));
const col = (key: string, label: MessageKey): TableColumn => ({ key, label });

function gridTable(
  name: string,
  stats: Iterable<GridStats>,
  sortBy: ChoroplethMetric,
  extra: { column: TableColumn; value(s: GridStats): Cell }[],
): TableModel {
  const list = [...stats].sort((a, b) => (metricValue(b, sortBy) ?? -1) - (metricValue(a, sortBy) ?? -1) || a.code.localeCompare(b.code));
  return {
    name,
    columns: [col('code', 'analyst.col.code'), col('name', 'analyst.col.name'), ...extra.map((e) => e.column)],
    rows: list.map((s) => [s.code, s.name, ...extra.map((e) => e.value(s))]),
  };
}

const INCIDENT_COLUMNS = [
  { column: col('incidents', 'analyst.col.incidents'), value: (s: GridStats) => s.incidents },
  { column: col('households', 'analyst.col.households'), value: (s: GridStats) => s.households },
  { column: col('perThousand', 'analyst.col.perThousand'), value: (s: GridStats) => round(s.perThousand) },
];
const WORKLOAD_COLUMNS = [
  { column: col('workload', 'analyst.col.workload'), value: (s: GridStats) => round(s.workload) },
  { column: col('households', 'analyst.col.households'), value: (s: GridStats) => s.households },
  { column: col('persons', 'analyst.col.persons'), value: (s: GridStats) => s.persons },
  { column: col('specialWeighted', 'analyst.col.specialWeighted'), value: (s: GridStats) => round(s.specialWeighted) },
  { column: col('incidents', 'analyst.col.incidents'), value: (s: GridStats) => s.incidents },
  { column: col('visitsRequired', 'analyst.col.visitsRequired'), value: (s: GridStats) => s.visitsRequired },
];
const COVERAGE_COLUMNS = [
  { column: col('coverage', 'analyst.col.coverage'), value: (s: GridStats) => round(s.coverage === null ? null : s.coverage * 100) },
  { column: col('streetLength', 'analyst.col.streetLength'), value: (s: GridStats) => round(s.streetLengthM, 0) },
  { column: col('patrolMinutes', 'analyst.col.patrolMinutes'), value: (s: GridStats) => round(s.patrolMinutes, 0) },
  { column: col('daysSincePatrol', 'analyst.col.daysSincePatrol'), value: (s: GridStats) => s.daysSincePatrol },
];

export interface TableInput {
  layer: AnalystLayer;
  metric: ChoroplethMetric;
  stats: ReadonlyMap<string, GridStats>;
  special: SpecialGroupGrids | null;
  /** The visits layer's per-grid table (issue 18), while it shows. */
  visits: VisitDueGrids | null;
  specialNames: (key: string) => string;
  tracks: readonly DisplayTrack[] | null;
  /** `HH:MM` of seconds since midnight. */
  clock: (seconds: number) => string;
}

export function tableFor({ layer, metric, stats, special, visits, specialNames, tracks, clock }: TableInput): TableModel {
  const all = stats.values();
  switch (layer) {
    case 'heat':
    case 'hexbin':
    case 'points':
      return gridTable(
        'incidents-by-grid',
        [...all].filter((s) => s.incidents !== null),
        'count',
        INCIDENT_COLUMNS,
      );
    case 'workload':
      return gridTable(
        'workload',
        [...all].filter((s) => s.workload !== null),
        'workload',
        WORKLOAD_COLUMNS,
      );
    case 'coverage':
      return gridTable(
        'patrol-coverage',
        [...all].filter((s) => s.coverage !== null),
        'daysSincePatrol',
        COVERAGE_COLUMNS,
      );
    case 'choropleth':
      return gridTable(`grids-${metric}`, all, metric, [
        ...INCIDENT_COLUMNS,
        ...WORKLOAD_COLUMNS.slice(0, 1),
        ...COVERAGE_COLUMNS,
        { column: col('special', 'analyst.col.special'), value: (s) => s.special },
      ]);
    case 'special': {
      const keys = [...new Set((special?.rows ?? []).flatMap((r) => Object.keys(r.cells)))];
      return {
        name: 'special-groups-by-grid',
        columns: [
          col('code', 'analyst.col.code'),
          col('name', 'analyst.col.name'),
          ...keys.map((k) => ({ key: k, label: { text: specialNames(k) } })),
          col('total', 'analyst.col.total'),
        ],
        rows: (special?.rows ?? []).map((r) => [
          r.code ?? '',
          r.name ?? (r.code ? (stats.get(r.code)?.name ?? '') : ''),
          ...keys.map((k) => cellValue(r.cells[k])),
          cellValue(r.total),
        ]),
      };
    }
    case 'visits':
      return {
        name: `visits-${visits?.category ?? 'special'}-${visits?.day ?? ''}`,
        columns: [
          col('code', 'analyst.col.code'),
          col('name', 'analyst.col.name'),
          col('due', 'visits.card.due'),
          col('done', 'visits.card.done'),
          col('pending', 'visits.col.pending'),
          col('overdue', 'visits.card.overdue'),
          col('maxOverdueDays', 'visits.col.maxOverdueDays'),
        ],
        rows: (visits?.rows ?? []).map((r) => [
          r.code,
          r.name,
          cellValue(r.due),
          cellValue(r.done),
          cellValue(r.pending),
          cellValue(r.overdue),
          r.maxOverdueDays,
        ]),
      };
    case 'tracks':
      return {
        name: 'patrol-tracks',
        columns: [
          col('staff', 'analyst.col.staff'),
          col('grid', 'analyst.col.grid'),
          col('points', 'analyst.col.points'),
          col('start', 'analyst.col.start'),
          col('end', 'analyst.col.end'),
        ],
        rows: (tracks ?? []).map((t) => [
          t.staffId,
          t.gridCode,
          t.path.length,
          clock(t.timestamps[0] ?? 0),
          clock(t.timestamps[t.timestamps.length - 1] ?? 0),
        ]),
      };
  }
}
