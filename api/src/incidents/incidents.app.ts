/** `/api/incidents` (issue 18): the incident loop — the dispatcher's list and map, one incident, its transitions, reports, "mine". */
import { createRouter } from '../http/router.js';
import { incidentReportRoute } from './incident-report.route.js';
import { incidentRoute } from './incident.route.js';
import { incidentsListRoute } from './incidents-list.route.js';
import { incidentsMineRoute } from './incidents-mine.route.js';

// The fixed paths (/map, /mine, /options) before /{district}/{id}.
export const incidentsApp = createRouter()
  .route('/', incidentsMineRoute)
  .route('/', incidentsListRoute)
  .route('/', incidentReportRoute)
  .route('/', incidentRoute);
