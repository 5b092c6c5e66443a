/**
 * The analyst view's layers and choropleth metrics, each with the permission it needs; a
 * layer the user may not read is absent from the switcher, not greyed out.
 */
import type { BriefingAnalystView } from '@gridatlas/api/contract';

// The keys are the API's (a briefing slide stores them): each record below must name every one
// of them and no other, so the web's lists cannot drift from the contract.
export type AnalystLayer = BriefingAnalystView['layer'];
export type ChoroplethMetric = BriefingAnalystView['metric'];

const LAYER_PERMISSION: Record<AnalystLayer, string> = {
  heat: 'incidents.read',
  hexbin: 'incidents.read',
  points: 'incidents.read',
  choropleth: 'analytics.read',
  tracks: 'patrols.read',
  coverage: 'patrols.read',
  special: 'special_groups.aggregate',
  workload: 'analytics.read',
  // issue 18: overdue visits per grid, special-group counts suppressed.
  visits: 'visits.read',
};
/** In the switcher's order. */
export const ANALYST_LAYERS = Object.keys(LAYER_PERMISSION) as readonly AnalystLayer[];

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
export const CHOROPLETH_METRICS = Object.keys(METRIC_PERMISSION) as readonly ChoroplethMetric[];

export function allowedLayers(permissions: readonly string[]): AnalystLayer[] {
  return ANALYST_LAYERS.filter((l) => permissions.includes(LAYER_PERMISSION[l]));
}

export function allowedMetrics(permissions: readonly string[]): ChoroplethMetric[] {
  return CHOROPLETH_METRICS.filter((m) => permissions.includes(METRIC_PERMISSION[m]));
}

/** Layers drawn by deck.gl (the rest are MapLibre layers on the offline style). */
export const DECK_LAYERS: readonly AnalystLayer[] = ['heat', 'hexbin', 'tracks'];
