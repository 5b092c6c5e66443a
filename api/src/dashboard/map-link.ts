/** The map view that explains a dashboard figure (`MapLink`): what the web opens on a click. */
import type { DashboardWindow, MapLink } from './dashboard.schemas.js';

export function mapLink(
  view: MapLink['view'],
  layer: string,
  period: DashboardWindow,
  region: string,
  filter: MapLink['filter'] = {},
): MapLink {
  return { view, layer, period: { from: period.from, to: period.to }, region, filter };
}
