/** The visits resource (`/api/visits`, issue 18): plan, due and overdue, records, recording. */
import { createRouter } from '../http/router.js';
import { visitPlansRoute } from './visit-plans.route.js';
import { visitsDueRoute } from './visits-due.route.js';
import { visitsListRoute } from './visits-list.route.js';
import { visitsRecordRoute } from './visits-record.route.js';

export const visitsApp = createRouter()
  .route('/', visitPlansRoute)
  .route('/', visitsDueRoute)
  .route('/', visitsListRoute)
  .route('/', visitsRecordRoute);
