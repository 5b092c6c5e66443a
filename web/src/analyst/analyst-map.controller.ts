/**
 * The analyst's map, framework-free: created with a container, the district and the stores it
 * reads, it owns the MapLibre map (through the base-map factory, with a drawing buffer kept
 * for the PNG export), the analyst's MapLibre layers, the deck.gl overlay (heatmap, hexbins,
 * track playback), the click and viewport handlers. It follows the scene store (what the
 * view worked out), the selected grid and the playback clock; React only creates and
 * destroys it.
 */
import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { MapMouseEvent, VectorTileSource } from 'maplibre-gl';
import type { BriefingCamera } from '@gridatlas/api/contract';
import { createBaseMap, type BaseMap } from '../map/base-map';
import { fetchDistrictLayers } from '../map/layer-data';
import { setSourceData } from '../map/set-source-data';
import type { Store } from '../state/create-store';
import { changedParts, summariseDeckLayers, type AnalystScene, type ScenePart } from './analyst-map-state';
import {
  addAnalystLayers,
  DEAD_CORNERS_SOURCE,
  INCIDENT_TILES_SOURCE,
  showAnalystLayer,
  SPECIAL_LABELS_SOURCE,
  SPECIAL_SOURCE,
} from './analyst-style';
import { clearAnalystHook, exposeAnalystHook } from './analyst-test-hook';
import type { Playback, Viewport } from './analyst.store';
import { tripsLayer } from './deck-layers';
import { mapPng } from './png-export';

/** A map camera: `center` `[lng, lat]` degrees WGS84, MapLibre zoom, bearing and pitch in degrees. */
export type Camera = BriefingCamera;

const EMPTY = { type: 'FeatureCollection', features: [] };
const VIEWPORT_DEBOUNCE_MS = 250;

export interface AnalystMapStores {
  scene: Store<AnalystScene>;
  /** The clicked grid's code (written on click, outlined on the map). */
  selectedGrid: Store<string | null>;
  playback: Store<Playback>;
  /** Written after the map stopped moving (debounced). */
  viewport: Store<Viewport | null>;
}

export interface AnalystMapOptions {
  container: HTMLElement;
  /** The district's code: its subdistricts, communities and streets are drawn for orientation. */
  districtCode: string;
  /** `[west, south, east, north]` degrees, fitted at start. */
  bbox: [number, number, number, number];
  underFillRatio: number;
  householdUnit: string;
  personUnit: string;
  stores: AnalystMapStores;
}

export class AnalystMapController {
  /** Resolves once the district and the scene are drawn and the map is idle. */
  readonly ready: Promise<void>;
  /** Resolves once the district's layers are on the map (the PNG export is offered from then). */
  readonly loaded: Promise<void>;
  private readonly base: BaseMap;
  private readonly overlay = new MapboxOverlay({ interleaved: false, layers: [] });
  private readonly abort = new AbortController();
  private readonly unsubscribe: (() => void)[] = [];
  private shown: AnalystScene | null = null;
  private deckLayers: Layer[] = [];
  private playbackTime: number | null = null;
  private viewportTimer = 0;

  constructor(private readonly options: AnalystMapOptions) {
    this.base = createBaseMap({
      container: options.container,
      bounds: options.bbox,
      padding: 24,
      underFillRatio: options.underFillRatio,
      householdUnit: options.householdUnit,
      personUnit: options.personUnit,
      // The PNG export reads the canvas outside a frame.
      mapOptions: { canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true } },
      testHook: true,
    });
    this.ready = this.base.ready;
    const map = this.base.map;
    map.on('moveend', this.publishViewport);
    map.on('click', this.onClick);
    exposeAnalystHook({ overlay: this.overlay, layers: () => summariseDeckLayers(this.deckLayers) });
    this.loaded = this.base.loaded.then(() => this.start());
  }

  /** Where the map looks now: centre `[lng, lat]` degrees WGS84, zoom, bearing and pitch in degrees (a briefing slide saves it). */
  camera(): Camera {
    const map = this.base.map;
    const c = map.getCenter();
    return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  }

  /**
   * The entry point a briefing's slide restores its view through: jumps (no animation, so a
   * presenter's key press shows the slide at once) to a saved camera; the viewport store then
   * follows as after any move.
   */
  restoreCamera(camera: Camera): void {
    this.base.map.jumpTo({ center: camera.center, zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch });
  }

  /** The map with the deck.gl canvas over it, as a PNG at device pixels. */
  exportPng(): Promise<Blob> {
    return mapPng(this.base.map, this.overlay);
  }

  destroy(): void {
    this.abort.abort();
    clearTimeout(this.viewportTimer);
    for (const off of this.unsubscribe) off();
    clearAnalystHook();
    this.base.destroy();
  }

  private async start(): Promise<void> {
    const map = this.base.map;
    const { stores } = this.options;
    addAnalystLayers(map, stores.scene.get().tilesUrl);
    map.addControl(this.overlay);
    this.showScene();
    this.showSelected();
    this.publishViewport();
    this.unsubscribe.push(
      stores.scene.subscribe(() => this.showScene()),
      stores.selectedGrid.subscribe(() => this.showSelected()),
      stores.playback.subscribe(() => this.followPlayback()),
    );
    try {
      const layers = await fetchDistrictLayers(this.options.districtCode, this.abort.signal);
      await Promise.all([
        setSourceData(map, 'subdistricts', layers.subdistricts),
        setSourceData(map, 'communities', layers.communities),
        setSourceData(map, 'streets', layers.streets),
      ]);
    } catch {
      // The district's outlines are orientation only: the analyst layers still show without them.
    }
    if (!this.abort.signal.aborted) this.base.markReady();
  }

  /** Applies the parts of the scene that changed since the last one shown. */
  private showScene(): void {
    const scene = this.options.stores.scene.get();
    const parts = changedParts(this.shown, scene);
    this.shown = scene;
    for (const part of parts) this.apply(part, scene);
  }

  private apply(part: ScenePart, scene: AnalystScene): void {
    const map = this.base.map;
    switch (part) {
      case 'layer':
        return showAnalystLayer(map, scene.layer);
      case 'grids':
        return void setSourceData(map, 'grids', scene.grids ?? EMPTY);
      case 'choroplethColour':
        return void map.setPaintProperty('analyst-choropleth', 'fill-color', scene.choroplethColour as never);
      case 'tiles': {
        // The source was created with the first scene's URL: setting it again would refetch every tile.
        const source = map.getSource(INCIDENT_TILES_SOURCE) as VectorTileSource | undefined;
        if (source && source.tiles?.[0] !== scene.tilesUrl) source.setTiles([scene.tilesUrl]);
        return;
      }
      case 'pointColour':
        return void map.setPaintProperty('analyst-incident-points', 'circle-color', scene.pointColour as never);
      case 'deadCorners':
        return void setSourceData(map, DEAD_CORNERS_SOURCE, scene.deadCorners ?? EMPTY);
      case 'special':
        void setSourceData(map, SPECIAL_SOURCE, scene.special.hexagons ?? EMPTY);
        void setSourceData(map, SPECIAL_LABELS_SOURCE, scene.special.labels ?? EMPTY);
        return void map.setPaintProperty('analyst-special-fill', 'fill-color', scene.special.colour as never);
      case 'deck':
        return this.showDeckLayers();
    }
  }

  /** The scene's deck.gl layers, plus the trips layer at the playback clock when tracks are shown. */
  private showDeckLayers(): void {
    const scene = this.options.stores.scene.get();
    const time = this.options.stores.playback.get().time;
    this.playbackTime = time;
    this.deckLayers = scene.tracks ? [...scene.deckLayers, tripsLayer(scene.tracks, time, scene.trailSeconds)] : scene.deckLayers;
    this.overlay.setProps({ layers: this.deckLayers });
  }

  private followPlayback(): void {
    // Play and speed changes alone do not move the trips.
    if (this.options.stores.scene.get().tracks && this.options.stores.playback.get().time !== this.playbackTime) this.showDeckLayers();
  }

  private showSelected(): void {
    this.base.map.setFilter('analyst-grid-selected', ['==', ['get', 'code'], this.options.stores.selectedGrid.get() ?? '']);
  }

  private onClick = (e: MapMouseEvent): void => {
    const hit = this.base.map.queryRenderedFeatures(e.point, { layers: ['analyst-grid-hit'] })[0];
    this.options.stores.selectedGrid.set((hit?.properties['code'] as string | undefined) ?? null);
  };

  private publishViewport = (): void => {
    clearTimeout(this.viewportTimer);
    this.viewportTimer = window.setTimeout(() => {
      const b = this.base.map.getBounds();
      this.options.stores.viewport.set({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: this.base.map.getZoom() });
    }, VIEWPORT_DEBOUNCE_MS);
  };
}
