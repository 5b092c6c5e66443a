/**
 * The planner's map, framework-free: created with a container, the community's data and the
 * stores it reads, it owns the MapLibre map (through the base-map factory), the planner's
 * sources and layers, terra-draw, the click handlers and the camera. It follows the stores
 * (`store.subscribe`) and writes edits back to them; React only creates and destroys it.
 * Coordinates are `[lng, lat]` WGS84 degrees.
 */
import { gridMetrics, pointInPolygon, snapPosition } from '@gridatlas/core';
import type { LineString, Polygon, Position } from '@gridatlas/core';
import type { MapMouseEvent } from 'maplibre-gl';
import type { TerraDraw } from 'terra-draw';
import type { Translate } from '../i18n/locale.store';
import type { Locale } from '../i18n/translate';
import { translate } from '../i18n/translate';
import { createBaseMap, type BaseMap } from '../map/base-map';
import { gridLabelField } from '../map/offline-style';
import { setSourceData } from '../map/set-source-data';
import type { Store } from '../state/create-store';
import type { AutoPlanState } from './auto-plan.store';
import type { DraftGrids, DraftState } from './draft.store';
import { addDrawnGrid, gridUnderLine, moveBuilding, reshapeGrid, splitGrid, type EditResult } from './grid-edits';
import { analyseDraft, type PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';
import { addPlannerLayers, PROBLEM_AREAS_SOURCE, PROBLEM_FOCUS_SOURCE, setKeyFilter, UNITS_SOURCE } from './planner-layers';
import { draftSources, drawTarget, focusPointFeatures, previewState, problemAreaFeatures } from './planner-map-state';
import { unitFeatures } from './planner-sources';
import type { CameraRequest, LiveMetrics, PlannerTool } from './planner.store';
import { addPreviewLayers, PREVIEW_LABELS_SOURCE, PREVIEW_SOURCE, showDraftFill } from './preview-layers';
import { metresPerPixel, SNAP_PX, snapTargets } from './snap-targets';
import { createTerraDraw } from './terra-draw-setup';

const EDIT_ID = 'planner-edit';

/** The stores the planner map reads (and the few it writes: draft edits, selection, live metrics). */
export interface PlannerMapStores {
  draft: Store<DraftState>;
  tool: Store<PlannerTool>;
  selection: Store<readonly string[]>;
  focus: Store<readonly string[]>;
  focusLocation: Store<readonly [number, number] | null>;
  camera: Store<CameraRequest | null>;
  autoPlan: Store<AutoPlanState>;
  liveMetrics: Store<LiveMetrics | null>;
  locale: Store<Locale>;
}

/** What the map does with a user's edit (the draft store's `applyEdit`, or `runEdit` with its messages). */
export interface PlannerEditSinks {
  /** An edit that may be refused (a message instead of a change). */
  run(result: EditResult): void;
  /** An edit that cannot be refused. */
  apply(next: DraftGrids): void;
  selectGrid(key: string | null, additive: boolean): void;
}

export interface PlannerMapOptions {
  container: HTMLElement;
  data: PlannerData;
  ctx: PlannerContext;
  /** The district's rule: below this share of the cap a grid is coloured under-filled. */
  underFillRatio: number;
  stores: PlannerMapStores;
  edits: PlannerEditSinks;
}

export class PlannerMapController {
  /** Resolves once the community and the draft are drawn and the map is idle. */
  readonly ready: Promise<void>;
  private readonly base: BaseMap;
  private readonly stores: PlannerMapStores;
  private readonly unsubscribe: (() => void)[] = [];
  private draw: TerraDraw | null = null;
  private frame = 0;
  private destroyed = false;

  constructor(private readonly options: PlannerMapOptions) {
    const { container, data, stores } = options;
    this.stores = stores;
    this.base = createBaseMap({
      container,
      bounds: data.bbox,
      padding: 40,
      underFillRatio: options.underFillRatio,
      householdUnit: this.t('label.households'),
      personUnit: this.t('label.persons'),
      // A double click finishes a drawn polygon; it must not zoom too.
      mapOptions: { doubleClickZoom: false },
      testHook: true,
    });
    this.ready = this.base.ready;
    void this.base.loaded.then(() => this.start());
  }

  /** Flies to `center` (`[lng, lat]`), zooming in to at least `minZoom`. */
  flyTo(center: readonly [number, number], minZoom: number): void {
    const map = this.base.map;
    map.flyTo({ center: [center[0], center[1]], zoom: Math.max(map.getZoom(), minZoom), duration: 600 });
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    for (const off of this.unsubscribe) off();
    this.draw?.stop();
    this.draw = null;
    this.base.destroy();
  }

  private t: Translate = (key, params) => translate(this.stores.locale.get(), key, params);

  private start(): void {
    if (this.destroyed) return;
    const map = this.base.map;
    const { stores } = this;
    addPlannerLayers(map);
    addPreviewLayers(map);
    // Buildings stay as flat footprints: extrusions would hide the grid edges being edited.
    map.setLayerZoomRange('buildings-fill', 0, 24);
    map.setLayoutProperty('buildings-extrusion', 'visibility', 'none');
    this.draw = createTerraDraw(map, (event) => {
      const { data, ctx } = this.options;
      const selection = stores.selection.get();
      const tolerance = SNAP_PX * metresPerPixel(map.getZoom(), event.lat);
      const targets = snapTargets(data.streetLines, ctx.boundary, stores.draft.get().grids, selection.length === 1 ? selection[0]! : null);
      return snapPosition([event.lng, event.lat], targets, tolerance)?.position;
    });
    this.draw.start();
    this.draw.on('change', this.onDrawChange);
    this.draw.on('finish', this.onDrawFinish);
    map.on('click', this.onClick);

    const drawn = [this.showCommunity(), this.showDraft(), this.showFocusPoint(), this.showPreview()];
    this.showSelection();
    this.showFocus();
    this.showLabelField();
    this.followTool();
    const on = <T>(store: Store<T>, apply: () => void) => this.unsubscribe.push(store.subscribe(apply));
    on(stores.draft, () => {
      void this.showDraft();
      this.followTool();
    });
    on(stores.selection, () => {
      this.showSelection();
      this.followTool();
    });
    on(stores.tool, () => this.followTool());
    on(stores.focus, () => this.showFocus());
    on(stores.focusLocation, () => void this.showFocusPoint());
    on(stores.autoPlan, () => void this.showPreview());
    on(stores.camera, () => {
      const request = stores.camera.get();
      if (request) this.flyTo(request.center, request.minZoom);
    });
    on(stores.locale, () => {
      void this.showDraft();
      void this.showPreview();
      this.showLabelField();
    });
    void Promise.all(drawn).then(() => this.base.markReady());
  }

  private showCommunity(): Promise<unknown> {
    const map = this.base.map;
    const { data, ctx } = this.options;
    return Promise.all([
      setSourceData(map, 'communities', {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: ctx.boundary, properties: {} }],
      }),
      setSourceData(map, 'streets', data.streets),
      setSourceData(map, 'buildings', data.buildings),
      setSourceData(map, 'compounds', data.compounds),
      setSourceData(map, UNITS_SOURCE, unitFeatures(ctx.units)),
    ]);
  }

  /** The grids, their labels and the problem areas of the draft's rule check. */
  private showDraft(): Promise<unknown> {
    const map = this.base.map;
    const analysis = analyseDraft(this.stores.draft.get().grids, this.options.ctx);
    const sources = draftSources(this.stores.draft.get().grids, analysis, this.t);
    return Promise.all([
      setSourceData(map, 'grids', sources.grids),
      setSourceData(map, 'labels-grids', sources.labels),
      setSourceData(map, PROBLEM_AREAS_SOURCE, problemAreaFeatures(analysis)),
    ]);
  }

  private showFocusPoint(): Promise<void> {
    return setSourceData(this.base.map, PROBLEM_FOCUS_SOURCE, focusPointFeatures(this.stores.focusLocation.get()));
  }

  private showPreview(): Promise<unknown> {
    const map = this.base.map;
    const preview = previewState(this.stores.autoPlan.get(), this.t);
    showDraftFill(map, preview.draftFill);
    if (preview.fitCommunity) map.fitBounds(this.options.data.bbox, { padding: 40, duration: 0 });
    return Promise.all([setSourceData(map, PREVIEW_SOURCE, preview.shapes), setSourceData(map, PREVIEW_LABELS_SOURCE, preview.labels)]);
  }

  private showSelection(): void {
    setKeyFilter(this.base.map, 'planner-selected-line', this.stores.selection.get());
  }

  private showFocus(): void {
    setKeyFilter(this.base.map, 'planner-focus-line', this.stores.focus.get());
  }

  private showLabelField(): void {
    // maplibre-gl does not export its ExpressionSpecification type; the expression is validated at runtime.
    this.base.map.setLayoutProperty(
      'grid-labels',
      'text-field',
      gridLabelField(this.t('label.households'), this.t('label.persons')) as never,
    );
  }

  /** Terra-draw's mode for the tool; in select mode the one selected grid becomes editable. */
  private followTool(): void {
    const draw = this.draw;
    if (!draw) return;
    draw.clear();
    this.stores.liveMetrics.set(null);
    const target = drawTarget(this.stores.tool.get(), this.stores.selection.get(), this.stores.draft.get().grids);
    draw.setMode(target.mode);
    if (!target.edit) return;
    const [result] = draw.addFeatures([{ id: EDIT_ID, type: 'Feature', geometry: target.edit, properties: { mode: 'polygon' } }]);
    if (result?.valid) draw.selectFeature(EDIT_ID);
  }

  /** Live metrics of the grid being reshaped, once per animation frame while dragging. */
  private onDrawChange = (ids: (string | number)[], type: string): void => {
    if (type !== 'update' || !ids.includes(EDIT_ID) || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const feature = this.draw?.getSnapshotFeature(EDIT_ID);
      const key = this.stores.selection.get()[0];
      if (!feature || feature.geometry.type !== 'Polygon' || !key) return;
      const started = performance.now();
      const gridType = this.stores.draft.get().grids.find((g) => g.key === key)?.type;
      const { ctx } = this.options;
      const metrics = gridMetrics(feature.geometry, ctx.index, ctx.profile, { type: gridType ?? null });
      this.stores.liveMetrics.set({ key, metrics, ms: performance.now() - started });
    });
  };

  /** A finished drawing becomes one draft edit: a new grid, a split, or a reshape. */
  private onDrawFinish = (id: string | number, context: { mode: string; action: string }): void => {
    const draw = this.draw;
    const feature = draw?.getSnapshotFeature(id);
    if (!draw || !feature) return;
    const { ctx } = this.options;
    const grids = this.stores.draft.get().grids;
    const selection = this.stores.selection.get();
    if (context.mode === 'polygon' && feature.geometry.type === 'Polygon') {
      draw.removeFeatures([id]);
      const template = { name: '', type: 'comprehensive' as const, communityCode: ctx.communityCode, zoneCode: null };
      this.options.edits.run(addDrawnGrid(grids, feature.geometry as Polygon, ctx.boundary, template));
    } else if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
      draw.removeFeatures([id]);
      const line = feature.geometry as LineString;
      const mid = line.coordinates[Math.floor(line.coordinates.length / 2)] as Position;
      const key = gridUnderLine(grids, selection, (g) => pointInPolygon(mid, g.geometry));
      if (key) this.options.edits.run(splitGrid(grids, key, line));
    } else if (id === EDIT_ID && feature.geometry.type === 'Polygon' && selection.length === 1) {
      this.stores.liveMetrics.set(null);
      this.options.edits.apply(reshapeGrid(grids, selection[0]!, feature.geometry as Polygon));
    }
  };

  /** Clicks pick grids (shift adds), or pull a clicked building into the selected grid. */
  private onClick = (e: MapMouseEvent): void => {
    const map = this.base.map;
    const tool = this.stores.tool.get();
    const grids = this.stores.draft.get().grids;
    const selection = this.stores.selection.get();
    if (tool === 'move') {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['planner-units'] })[0];
      const unit = hit ? this.options.ctx.units[Number(hit.properties['i'])] : undefined;
      if (!unit || selection.length !== 1) return;
      const from = grids.find((g) => pointInPolygon(unit.point, g.geometry));
      if (from) this.options.edits.run(moveBuilding(grids, unit, from.key, selection[0]!));
      return;
    }
    if (tool !== 'select') return;
    // A click on the grid being edited belongs to terra-draw (vertices, midpoints).
    const editing = this.draw?.getFeaturesAtLngLat({ lng: e.lngLat.lng, lat: e.lngLat.lat }, { pointerDistance: 8 }) ?? [];
    if (editing.some((f) => f.properties['selectionPoint'] || f.properties['midPoint'])) return;
    const hit = map.queryRenderedFeatures(e.point, { layers: ['grids-fill'] })[0];
    this.options.edits.selectGrid((hit?.properties['key'] as string | undefined) ?? null, e.originalEvent.shiftKey);
  };
}
