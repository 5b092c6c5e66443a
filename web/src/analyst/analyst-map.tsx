/**
 * The analyst map: the offline basemap (created with preserveDrawingBuffer so it can be
 * exported), the analyst's MapLibre layers (analyst-style.ts) and a deck.gl overlay for the
 * heatmap, hexbins and track playback. React renders only the container; the props are
 * mirrored into the map imperatively, and only when they change.
 */
import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Meta } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { createBaseMap } from '../map/base-map';
import { fetchDistrictLayers } from '../map/layer-data';
import { setSourceData } from '../map/set-source-data';
import { clearTestHook, exposeTestHook } from '../map/test-hook';
import { useStore } from '../state/create-store';
import type { AnalystLayer } from './analyst-layers';
import { addAnalystLayers, DEAD_CORNERS_SOURCE, INCIDENT_TILES_SOURCE, showAnalystLayer, SPECIAL_LABELS_SOURCE, SPECIAL_SOURCE } from './analyst-style';
import { analystGridStore, playbackStore, viewportStore } from './analyst.store';
import type { DisplayTrack } from './decode-points';
import { tripsLayer } from './deck-layers';
import { clearAnalystHook, exposeAnalystHook } from './analyst-test-hook';

export interface MapHandle {
  map: maplibregl.Map;
  overlay: MapboxOverlay;
}

export interface AnalystMapProps {
  meta: Meta;
  bbox: [number, number, number, number];
  layer: AnalystLayer;
  /** The grids with the choropleth's `value` property. */
  grids: unknown;
  choroplethColour: unknown[];
  tilesUrl: string;
  pointColour: unknown[];
  deadCorners: unknown;
  special: { hexagons: unknown; labels: unknown; colour: unknown[] };
  deckLayers: Layer[];
  /** Tracks for the playback (drawn at the playback store's time), or null. */
  tracks: readonly DisplayTrack[] | null;
  trailSeconds: number;
  onReady(handle: MapHandle | null): void;
}

const EMPTY = { type: 'FeatureCollection', features: [] };
const VIEWPORT_DEBOUNCE_MS = 250;

export function AnalystMap(props: AnalystMapProps) {
  const { meta, bbox, layer, grids, choroplethColour, tilesUrl, pointColour, deadCorners, special, deckLayers: staticLayers, tracks, trailSeconds, onReady } = props;
  const playback = useStore(playbackStore);
  const deckLayers = useMemo(() => (tracks ? [...staticLayers, tripsLayer(tracks, playback.time, trailSeconds)] : staticLayers), [staticLayers, tracks, playback.time, trailSeconds]);
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [ready, setReady] = useState(false);
  const deckLayersRef = useRef(deckLayers);
  deckLayersRef.current = deckLayers;
  const selected = useStore(analystGridStore);
  const { t } = useI18n();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let resolve = () => {};
    const readyPromise = new Promise<void>((r) => (resolve = r));
    const base = createBaseMap({
      container,
      bounds: bbox,
      padding: 24,
      underFillRatio: meta.ruleProfile.underFillRatio,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      // The PNG export reads the canvas outside a frame.
      mapOptions: { canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true } },
    });
    const map = base.map;
    const overlay = new MapboxOverlay({ interleaved: false, layers: [] });
    const abort = new AbortController();
    let timer = 0;
    const publishViewport = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        const b = map.getBounds();
        viewportStore.set({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
      }, VIEWPORT_DEBOUNCE_MS);
    };
    map.on('moveend', publishViewport);
    map.once('load', () => {
      addAnalystLayers(map, tilesUrl);
      map.addControl(overlay);
      overlay.setProps({ layers: deckLayersRef.current });
      publishViewport();
      fetchDistrictLayers(meta.district.code, abort.signal)
        .then((l) =>
          Promise.all([
            setSourceData(map, 'subdistricts', l.subdistricts),
            setSourceData(map, 'communities', l.communities),
            setSourceData(map, 'streets', l.streets),
          ]),
        )
        .catch(() => {})
        .finally(() => {
          if (abort.signal.aborted) return;
          const h = { map, overlay };
          setHandle(h);
          onReady(h);
          map.once('idle', () => {
            setReady(true);
            resolve();
          });
          map.triggerRepaint();
        });
    });
    map.on('click', (e) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['analyst-grid-hit'] })[0];
      analystGridStore.set((hit?.properties['code'] as string | undefined) ?? null);
    });
    exposeTestHook({ map, ready: readyPromise });
    exposeAnalystHook({
      overlay,
      layers: () =>
        deckLayersRef.current.map((l) => {
          const data = l.props.data as { length?: number; features?: unknown[] } | null;
          const length = Array.isArray(data) ? data.length : (data?.features?.length ?? data?.length ?? 0);
          const { currentTime, trailLength, radiusPixels, visible } = l.props as unknown as Record<string, unknown>;
          return { id: l.id, length, props: { currentTime, trailLength, radiusPixels, visible } };
        }),
    });
    return () => {
      abort.abort();
      clearTimeout(timer);
      clearTestHook();
      clearAnalystHook();
      onReady(null);
      base.destroy();
    };
    // Created once per mount; the effects below follow the props.
  }, []);

  const map = handle?.map;
  useEffect(() => void (map && showAnalystLayer(map, layer)), [map, layer]);
  useEffect(() => void (map && setSourceData(map, 'grids', grids ?? EMPTY)), [map, grids]);
  useEffect(() => void (map && map.setPaintProperty('analyst-choropleth', 'fill-color', choroplethColour as never)), [map, choroplethColour]);
  useEffect(() => void (map && map.setFilter('analyst-grid-selected', ['==', ['get', 'code'], selected ?? ''])), [map, selected]);
  useEffect(() => {
    const source = map?.getSource(INCIDENT_TILES_SOURCE) as maplibregl.VectorTileSource | undefined;
    source?.setTiles([tilesUrl]);
  }, [map, tilesUrl]);
  useEffect(() => void (map && map.setPaintProperty('analyst-incident-points', 'circle-color', pointColour as never)), [map, pointColour]);
  useEffect(() => void (map && setSourceData(map, DEAD_CORNERS_SOURCE, deadCorners ?? EMPTY)), [map, deadCorners]);
  useEffect(() => {
    if (!map) return;
    void setSourceData(map, SPECIAL_SOURCE, special.hexagons ?? EMPTY);
    void setSourceData(map, SPECIAL_LABELS_SOURCE, special.labels ?? EMPTY);
    map.setPaintProperty('analyst-special-fill', 'fill-color', special.colour as never);
  }, [map, special]);
  useEffect(() => handle?.overlay.setProps({ layers: deckLayers }), [handle, deckLayers]);

  return <div ref={containerRef} className="map" data-state={ready ? 'ready' : 'loading'} data-testid="map" role="region" aria-label={t('analyst.title')} />;
}
