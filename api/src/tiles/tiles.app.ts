/** `/api/tiles`: vector tiles (incidents, thinned by zoom) as one sub-app. */
import { createRouter } from '../http/router.js';
import { incidentsTileRoute } from './incidents-tile.route.js';

export const tilesApp = createRouter().route('/', incidentsTileRoute);
