/**
 * `/api/analytics`: the analyst's settings, patrols, special-group maps (from `special-groups/`),
 * workload and incidents as one sub-app.
 */
import { createRouter } from '../http/router.js';
import { specialGroupsMapsApp } from '../special-groups/special-groups.app.js';
import { incidentsGridsRoute } from './incidents-grids.route.js';
import { incidentsHexbinsRoute } from './incidents-hexbins.route.js';
import { incidentsPointsRoute } from './incidents-points.route.js';
import { incidentsSeriesRoute } from './incidents-series.route.js';
import { patrolsCoverageRoute } from './patrols-coverage.route.js';
import { patrolsDeadCornersRoute } from './patrols-dead-corners.route.js';
import { patrolsTracksRoute } from './patrols-tracks.route.js';
import { analyticsSettingsRoute } from './settings.route.js';
import { workloadRoute } from './workload.route.js';

export const analyticsApp = createRouter()
  .route('/', analyticsSettingsRoute)
  .route('/', patrolsTracksRoute)
  .route('/', patrolsCoverageRoute)
  .route('/', patrolsDeadCornersRoute)
  .route('/', specialGroupsMapsApp)
  .route('/', workloadRoute)
  .route('/', incidentsGridsRoute)
  .route('/', incidentsHexbinsRoute)
  .route('/', incidentsSeriesRoute)
  .route('/', incidentsPointsRoute);
