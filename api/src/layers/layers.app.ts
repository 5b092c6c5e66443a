/** `/api/layers`: the map's base layers (communities, compounds, buildings …) and the grids layer as one sub-app. */
import { createRouter } from '../http/router.js';
import { baseLayersRoute } from './base-layers.route.js';
import { gridsLayerRoute } from './grids-layer.route.js';

export const layersApp = createRouter().route('/', baseLayersRoute).route('/', gridsLayerRoute);
