/**
 * The analyst view's layers and choropleth metrics, each with the permission it needs; a
 * layer the user may not read is absent from the switcher, not greyed out.
 */
export const ANALYST_LAYERS = ['heat', 'hexbin', 'points', 'choropleth', 'tracks', 'coverage', 'special', 'workload'] as const;
export type AnalystLayer = (typeof ANALYST_LAYERS)[number];

const LAYER_PERMISSION: Record<AnalystLayer, string> = {
  heat: 'incidents.read',
  hexbin: 'incidents.read',
  points: 'incidents.read',
  choropleth: 'analytics.read',
  tracks: 'patrols.read',
  coverage: 'patrols.read',
  special: 'special_groups.aggregate',
  workload: 'analytics.read',
};

export const CHOROPLETH_METRICS = [
  'count',
  'perThousand',
  'workload',
  'households',
  'coverage',
  'patrolMinutes',
  'daysSincePatrol',
  'special',
] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

const METRIC_PERMISSION: Record<ChoroplethMetric, string> = {
  count: 'incidents.read',
  perThousand: 'incidents.read',
  workload: 'analytics.read',
  households: 'analytics.read',
  coverage: 'patrols.read',
  patrolMinutes: 'patrols.read',
  daysSincePatrol: 'patrols.read',
  special: 'special_groups.aggregate',
};

export function allowedLayers(permissions: readonly string[]): AnalystLayer[] {
  return ANALYST_LAYERS.filter((l) => permissions.includes(LAYER_PERMISSION[l]));
}

export function allowedMetrics(permissions: readonly string[]): ChoroplethMetric[] {
  return CHOROPLETH_METRICS.filter((m) => permissions.includes(METRIC_PERMISSION[m]));
}

/** Layers drawn by deck.gl (the rest are MapLibre layers on the offline style). */
export const DECK_LAYERS: readonly AnalystLayer[] = ['heat', 'hexbin', 'tracks'];
