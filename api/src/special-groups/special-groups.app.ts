/**
 * The special-group resource as sub-apps: `specialGroupsApp` (`/api/special-groups`: suppressed
 * summaries, masked and audited records) and `specialGroupsMapsApp`, the analyst's suppressed
 * per-grid and per-hexagon maps, which keep their paths under `/api/analytics/special-groups/`
 * (mounted by `analyticsApp`).
 */
import { createRouter } from '../http/router.js';
import { specialGroupsGridsRoute } from './special-groups-grids.route.js';
import { specialGroupsHexbinsRoute } from './special-groups-hexbins.route.js';
import { specialGroupsRecordsRoute } from './special-groups-records.route.js';
import { specialGroupsSummaryRoute } from './special-groups-summary.route.js';

export const specialGroupsApp = createRouter().route('/', specialGroupsSummaryRoute).route('/', specialGroupsRecordsRoute);

export const specialGroupsMapsApp = createRouter().route('/', specialGroupsGridsRoute).route('/', specialGroupsHexbinsRoute);
