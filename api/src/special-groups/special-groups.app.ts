/** `/api/special-groups`: suppressed summaries and masked, audited records as one sub-app. */
import { createRouter } from '../http/router.js';
import { specialGroupsRecordsRoute } from './special-groups-records.route.js';
import { specialGroupsSummaryRoute } from './special-groups-summary.route.js';

export const specialGroupsApp = createRouter().route('/', specialGroupsSummaryRoute).route('/', specialGroupsRecordsRoute);
