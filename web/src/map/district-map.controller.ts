/**
 * The district view's map, framework-free: created with a container, the district and the
 * stores it reads, it owns the MapLibre map (through the base-map factory), feeds its sources
 * from the API — the district-wide layers once, the heavy layers for each selected region —,
 * flies to the region, handles grid clicks and follows the layer toggles, the selected grid
 * and the locale. React only creates and destroys it.
 */
import { gridLinkUsed, pendingGridLinkStore } from '../state/grid-link';
import type { MapMouseEvent } from 'maplibre-gl';
import type { GridLayerProperties, Meta, Region } from '@gridatlas/api/contract';
import type { Locale } from '../i18n/translate';
import { translate } from '../i18n/translate';
import type { Store } from '../state/create-store';
import { createBaseMap, type BaseMap } from './base-map';
import { gridLabelPoints, regionLabelPoints } from './label-sources';
import { fetchDistrictLayers, fetchScopedLayers, type DistrictLayers, type ScopedLayers } from './layer-data';
import { LAYER_GROUPS, LAYER_IDS, type LayerGroup } from './layer-groups';
import { gridLabelField } from './offline-style';
import { setSourceData } from './set-source-data';
import { attachStaffingLayer } from '../staff/staffing-layer';
import type { StaffingStatus } from '../staff/staffing.store';

export interface DistrictMapStores {
  /** The selected region (its bbox is flown to, the heavy layers are scoped to it). */
  region: Store<Region>;
  visibility: Store<Readonly<Record<LayerGroup, boolean>>>;
  /** The clicked grid's properties (written on click, outlined on the map). */
  selectedGrid: Store<GridLayerProperties | null>;
  locale: Store<Locale>;
  /** The roster's status per grid code for the staffing layer (null: the layer is off). */
  staffing?: Store<Readonly<Record<string, StaffingStatus>> | null>;
}

export interface DistrictMapOptions {
  container: HTMLElement;
  meta: Meta;
  district: Region;
  stores: DistrictMapStores;
  /** A region's layers could not be loaded (the map shows `data-state="error"`). */
  onError(error: Error): void;
}

export class DistrictMapController {
  /** Resolves the first time a region's layers are drawn and the map is idle. */
  readonly ready: Promise<void>;
  private readonly base: BaseMap;
  private readonly unsubscribe: (() => void)[] = [];
  private districtLayers: Promise<DistrictLayers> | null = null;
  private grids: ScopedLayers['grids'] | null = null;
  private regionAbort: AbortController | null = null;
  private readonly abort = new AbortController();
  private generation = 0;

  constructor(private readonly options: DistrictMapOptions) {
    const locale = options.stores.locale.get();
    this.base = createBaseMap({
      container: options.container,
      bounds: options.district.bbox,
      padding: 24,
      underFillRatio: options.meta.ruleProfile.underFillRatio,
      householdUnit: translate(locale, 'label.households'),
      personUnit: translate(locale, 'label.persons'),
      testHook: true,
    });
    this.ready = this.base.ready;
    void this.base.loaded.then(() => this.start());
  }

  destroy(): void {
    this.abort.abort();
    this.regionAbort?.abort();
    for (const off of this.unsubscribe) off();
    this.base.destroy();
  }

  private start(): void {
    if (this.abort.signal.aborted) return;
    const map = this.base.map;
    const { stores } = this.options;
    this.districtLayers = this.loadDistrict();
    this.showRegion();
    this.showVisibility();
    this.showSelected();
    this.showLabelField();
    if (stores.staffing) this.unsubscribe.push(attachStaffingLayer(map, stores.staffing));
    map.on('click', this.onClick);
    map.on('mouseenter', 'grids-fill', this.onEnter);
    map.on('mouseleave', 'grids-fill', this.onLeave);
    this.unsubscribe.push(
      stores.region.subscribe(() => this.showRegion()),
      stores.visibility.subscribe(() => this.showVisibility()),
      stores.selectedGrid.subscribe(() => this.showSelected()),
      stores.locale.subscribe(() => this.showLabelField()),
    );
  }

  /** District-wide layers (boundaries, streets): once. */
  private async loadDistrict(): Promise<DistrictLayers> {
    const map = this.base.map;
    const layers = await fetchDistrictLayers(this.options.district.code, this.abort.signal);
    await Promise.all([
      setSourceData(map, 'subdistricts', layers.subdistricts),
      setSourceData(map, 'communities', layers.communities),
      setSourceData(map, 'streets', layers.streets),
      setSourceData(map, 'labels-subdistricts', regionLabelPoints(layers.subdistricts)),
      setSourceData(map, 'labels-communities', regionLabelPoints(layers.communities)),
    ]);
    return layers;
  }

  /** The region's scoped layers and the camera: on every region change; a newer region wins. */
  private showRegion(): void {
    const map = this.base.map;
    const region = this.options.stores.region.get();
    const generation = ++this.generation;
    this.regionAbort?.abort();
    const abort = (this.regionAbort = new AbortController());
    this.base.setState('loading');
    // maxZoom keeps a tiny region from zooming past building level.
    map.fitBounds(region.bbox, { padding: 32, maxZoom: 17.5, duration: generation === 1 ? 0 : 700 });
    const scoped = fetchScopedLayers(region.code, abort.signal).then(async (layers) => {
      this.grids = layers.grids;
      // A notice board's link (#grid=<code>) opens that grid's card once its community is shown.
      const linked = pendingGridLinkStore.get();
      const hit = linked ? layers.grids.features.find((f) => f.properties.code === linked) : undefined;
      if (hit) {
        this.options.stores.selectedGrid.set(hit.properties);
        gridLinkUsed();
      }
      await Promise.all([
        setSourceData(map, 'compounds', layers.compounds),
        setSourceData(map, 'buildings', layers.buildings),
        setSourceData(map, 'grids', layers.grids),
        setSourceData(map, 'labels-grids', gridLabelPoints(layers.grids)),
      ]);
    });
    Promise.all([this.districtLayers, scoped])
      .then(() => {
        if (generation === this.generation) this.base.markReady(() => generation === this.generation);
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted || this.abort.signal.aborted) return;
        this.base.setState('error');
        this.options.onError(error instanceof Error ? error : new Error(String(error)));
      });
  }

  private showVisibility(): void {
    const visibility = this.options.stores.visibility.get();
    for (const group of LAYER_GROUPS) {
      for (const id of LAYER_IDS[group]) this.base.map.setLayoutProperty(id, 'visibility', visibility[group] ? 'visible' : 'none');
    }
  }

  private showSelected(): void {
    this.base.map.setFilter('grids-selected-line', ['==', ['get', 'code'], this.options.stores.selectedGrid.get()?.code ?? '']);
  }

  private showLabelField(): void {
    const locale = this.options.stores.locale.get();
    const field = gridLabelField(translate(locale, 'label.households'), translate(locale, 'label.persons'));
    // maplibre-gl does not export its ExpressionSpecification type; the expression is validated at runtime.
    this.base.map.setLayoutProperty('grid-labels', 'text-field', field as never);
  }

  /** Clicking a grid selects it (properties come from the fetched collection, not the tile copy). */
  private onClick = (e: MapMouseEvent): void => {
    const hit = this.base.map.queryRenderedFeatures(e.point, { layers: ['grids-fill'] })[0];
    const code = hit?.properties?.['code'] as string | undefined;
    const grid = code ? this.grids?.features.find((f) => f.properties.code === code)?.properties : undefined;
    this.options.stores.selectedGrid.set(grid ?? null);
  };

  private onEnter = (): void => void (this.base.map.getCanvas().style.cursor = 'pointer');
  private onLeave = (): void => void (this.base.map.getCanvas().style.cursor = '');
}
