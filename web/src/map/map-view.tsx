/**
 * The full-window map: owns the MapLibre instance, feeds its sources from the API for the
 * selected region, and mirrors the view stores (layer toggles, selected grid, locale) into
 * the style. React renders only the container; the map is imperative inside it.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { Meta, Region } from '../api/api.types';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { layerVisibilityStore, selectedGridStore } from '../state/view.store';
import { createBaseMap, type BaseMap } from './base-map';
import { gridLabelPoints, regionLabelPoints } from './label-sources';
import { fetchDistrictLayers, fetchScopedLayers, type DistrictLayers, type ScopedLayers } from './layer-data';
import { LAYER_GROUPS, LAYER_IDS } from './layer-groups';
import { gridLabelField } from './offline-style';
import { setSourceData } from './set-source-data';

export interface MapViewProps {
  meta: Meta;
  district: Region;
  /** The selected region; its bbox is flown to and the heavy layers are scoped to it. */
  region: Region;
  onError(error: Error): void;
}

export function MapView({ meta, district, region, onError }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [base, setBase] = useState<BaseMap | null>(null);
  const map = base?.map ?? null;
  const districtLayersRef = useRef<Promise<DistrictLayers> | null>(null);
  const gridsRef = useRef<ScopedLayers['grids'] | null>(null);
  const generationRef = useRef(0);
  const { t } = useI18n();
  const visibility = useStore(layerVisibilityStore);
  const selected = useStore(selectedGridStore);

  // Create the map once; the style's data-driven parts that change later are patched below.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = createBaseMap({
      container,
      bounds: district.bbox,
      padding: 24,
      underFillRatio: meta.ruleProfile.underFillRatio,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      testHook: true,
    });
    void created.loaded.then(() => setBase(created));
    return () => created.destroy();
    // Created once per mount on purpose: later prop changes are applied by the effects below.
  }, []);

  // District-wide layers (boundaries, streets): once.
  useEffect(() => {
    if (!map) return;
    const abort = new AbortController();
    districtLayersRef.current = fetchDistrictLayers(district.code, abort.signal).then(async (layers) => {
      await Promise.all([
        setSourceData(map, 'subdistricts', layers.subdistricts),
        setSourceData(map, 'communities', layers.communities),
        setSourceData(map, 'streets', layers.streets),
        setSourceData(map, 'labels-subdistricts', regionLabelPoints(layers.subdistricts)),
        setSourceData(map, 'labels-communities', regionLabelPoints(layers.communities)),
      ]);
      return layers;
    });
    return () => abort.abort();
  }, [map, district.code]);

  // Region-scoped layers and the camera: on every region change.
  useEffect(() => {
    if (!map || !base) return;
    const generation = ++generationRef.current;
    const abort = new AbortController();
    base.setState('loading');
    // maxZoom keeps a tiny region from zooming past building level.
    map.fitBounds(region.bbox, { padding: 32, maxZoom: 17.5, duration: generation === 1 ? 0 : 700 });
    const scoped = fetchScopedLayers(region.code, abort.signal).then(async (layers) => {
      gridsRef.current = layers.grids;
      await Promise.all([
        setSourceData(map, 'compounds', layers.compounds),
        setSourceData(map, 'buildings', layers.buildings),
        setSourceData(map, 'grids', layers.grids),
        setSourceData(map, 'labels-grids', gridLabelPoints(layers.grids)),
      ]);
    });
    Promise.all([districtLayersRef.current, scoped])
      .then(() => {
        if (generation !== generationRef.current) return;
        base.markReady(() => generation === generationRef.current);
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        base.setState('error');
        onError(error instanceof Error ? error : new Error(String(error)));
      });
    return () => abort.abort();
  }, [map, base, region, onError]);

  // Clicking a grid selects it (properties come from the fetched collection, not the tile copy).
  useEffect(() => {
    if (!map) return;
    const onClick = (e: maplibregl.MapMouseEvent) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['grids-fill'] })[0];
      const code = hit?.properties?.['code'] as string | undefined;
      const grid = code ? gridsRef.current?.features.find((f) => f.properties.code === code)?.properties : undefined;
      selectedGridStore.set(grid ?? null);
    };
    const onEnter = () => (map.getCanvas().style.cursor = 'pointer');
    const onLeave = () => (map.getCanvas().style.cursor = '');
    map.on('click', onClick);
    map.on('mouseenter', 'grids-fill', onEnter);
    map.on('mouseleave', 'grids-fill', onLeave);
    return () => {
      map.off('click', onClick);
      map.off('mouseenter', 'grids-fill', onEnter);
      map.off('mouseleave', 'grids-fill', onLeave);
    };
  }, [map]);

  useEffect(() => {
    if (!map) return;
    for (const group of LAYER_GROUPS) {
      for (const id of LAYER_IDS[group]) map.setLayoutProperty(id, 'visibility', visibility[group] ? 'visible' : 'none');
    }
  }, [map, visibility]);

  useEffect(() => {
    if (!map) return;
    map.setFilter('grids-selected-line', ['==', ['get', 'code'], selected?.code ?? '']);
  }, [map, selected]);

  useEffect(() => {
    if (!map) return;
    const field = gridLabelField(t('label.households'), t('label.persons'));
    // maplibre-gl does not export its ExpressionSpecification type; the expression is validated at runtime.
    map.setLayoutProperty('grid-labels', 'text-field', field as never);
  }, [map, t]);

  return <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('app.name')} />;
}

