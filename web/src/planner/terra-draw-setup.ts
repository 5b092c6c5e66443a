/**
 * The terra-draw instance of the planner map: polygon mode to draw a grid, line mode to
 * draw a split line and select mode to move, insert (midpoints) and delete (right-click)
 * vertices of the selected grid. Every mode snaps through one `snap` callback.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export function createTerraDraw(map: MapLibreMap, snap: SnapToCustom): TerraDraw {
  const snapping = { toCustom: snap };
  return new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
    modes: [
      new TerraDrawSelectMode({
        flags: {
          polygon: {
            feature: {
              draggable: false,
              coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
            },
          },
        },
        styles: {
          selectedPolygonColor: '#0d47a1',
          selectedPolygonFillOpacity: 0.08,
          selectedPolygonOutlineColor: '#0d47a1',
          selectedPolygonOutlineWidth: 3,
        },
      }),
      new TerraDrawPolygonMode({ snapping, styles: { fillColor: '#1565c0', fillOpacity: 0.15, outlineColor: '#1565c0', outlineWidth: 2 } }),
      new TerraDrawLineStringMode({ snapping, styles: { lineStringColor: '#d81b60', lineStringWidth: 3 } }),
    ],
  });
}
