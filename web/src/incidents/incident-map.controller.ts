/**
 * The dispatcher's incident map: the filtered incidents as points coloured by state, a red ring
 * on overdue ones, the selected one enlarged; a click selects. Fed the API's compact arrays
 * (`positions` flat `[lng, lat]` pairs, `state` indexes into `states`, `flags` bit 0 overdue).
 * The jurisdiction's grids lie under the points (`incident-grids.layer.ts`); a click on a grid
 * away from any point names the grid (the dispatcher filters the list by it).
 */
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import type { IncidentMap } from '@gridatlas/api/contract';
import { createBaseMap, type BaseMap } from '../map/base-map';
import { OVERDUE_COLOUR, STATE_COLOURS } from './incident-colours';
import { outlineIncidentGrid, showIncidentGrids, styleIncidentGrids, type GridCollection } from './incident-grids.layer';

const SOURCE = 'incidents';

export interface IncidentMapOptions {
  container: HTMLElement;
  bounds: [number, number, number, number];
  householdUnit: string;
  personUnit: string;
  onSelect: (id: number) => void;
  /** A grid clicked away from the points (its 15-digit code). */
  onGrid?: (code: string) => void;
}

/** The arrays as GeoJSON points with `id`, `s` (state) and `o` (overdue) properties. */
export function incidentFeatures(data: IncidentMap): GeoJSON.FeatureCollection<GeoJSON.Point> {
  const features: GeoJSON.Feature<GeoJSON.Point>[] = new Array(data.count);
  for (let k = 0; k < data.count; k++) {
    features[k] = {
      type: 'Feature',
      id: data.ids[k]!,
      geometry: { type: 'Point', coordinates: [data.positions[2 * k]!, data.positions[2 * k + 1]!] },
      properties: { id: data.ids[k]!, s: data.states[data.state[k]!] ?? '', o: data.flags[k]! & 1 },
    };
  }
  return { type: 'FeatureCollection', features };
}

export class IncidentMapController {
  readonly base: BaseMap;
  private data: IncidentMap | null = null;
  private grids: GridCollection | null = null;
  private gridCode: string | null = null;
  private selected: number | null = null;
  private started = false;

  constructor(private readonly options: IncidentMapOptions) {
    this.base = createBaseMap({
      container: options.container,
      bounds: options.bounds,
      padding: 30,
      underFillRatio: 0.5,
      householdUnit: options.householdUnit,
      personUnit: options.personUnit,
      testHook: true,
    });
    void this.base.loaded.then(() => this.start());
  }

  private start(): void {
    const map = this.base.map;
    styleIncidentGrids(map);
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    const colour: unknown[] = ['match', ['get', 's']];
    for (const [state, c] of Object.entries(STATE_COLOURS)) colour.push(state, c);
    colour.push('#6b7280');
    map.addLayer({
      id: 'incidents-points',
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-color': colour as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 15, 5, 18, 8],
        'circle-stroke-color': ['case', ['==', ['get', 'o'], 1], OVERDUE_COLOUR, '#ffffff'],
        'circle-stroke-width': ['case', ['==', ['get', 'o'], 1], 2.5, 0.6],
        'circle-opacity': 0.9,
      },
    });
    map.addLayer({
      id: 'incidents-selected',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['get', 'id'], -1],
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111827', 'circle-stroke-width': 3 },
    });
    map.on('click', 'incidents-points', (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as number | undefined;
      if (id !== undefined) this.options.onSelect(id);
    });
    map.on('click', 'grids-fill', (e: MapLayerMouseEvent) => {
      // A point above the grid takes the click.
      if (map.queryRenderedFeatures(e.point, { layers: ['incidents-points'] }).length > 0) return;
      const code = e.features?.[0]?.properties?.code as string | undefined;
      if (code) this.options.onGrid?.(code);
    });
    map.on('mouseenter', 'incidents-points', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'incidents-points', () => (map.getCanvas().style.cursor = ''));
    this.started = true;
    if (this.grids) void showIncidentGrids(map, this.grids);
    outlineIncidentGrid(map, this.gridCode);
    this.render();
  }

  setGrids(grids: GridCollection): void {
    this.grids = grids;
    if (this.started) void showIncidentGrids(this.base.map, grids);
  }

  /** Outlines the grid the list is filtered by (null: none). */
  setGrid(code: string | null): void {
    this.gridCode = code;
    if (this.started) outlineIncidentGrid(this.base.map, code);
  }

  setData(data: IncidentMap): void {
    this.data = data;
    this.render();
  }

  select(id: number | null, position?: [number, number]): void {
    this.selected = id;
    if (this.started) this.base.map.setFilter('incidents-selected', ['==', ['get', 'id'], id ?? -1]);
    if (position && this.started) {
      const map = this.base.map;
      if (!map.getBounds().contains(position)) map.easeTo({ center: position, duration: 400 });
    }
  }

  private render(): void {
    if (!this.started || !this.data) return;
    (this.base.map.getSource(SOURCE) as GeoJSONSource).setData(incidentFeatures(this.data));
    this.select(this.selected);
    this.base.markReady();
  }

  destroy(): void {
    this.base.destroy();
  }
}
