/**
 * Mounts the analyst's map: one `AnalystMapController`, created on mount and destroyed on
 * unmount, following a scene store this component keeps current with the view's memoised
 * props (the controller redoes only the parts whose reference changed).
 */
import type { Layer } from '@deck.gl/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Meta } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { createStore } from '../state/create-store';
import type { AnalystLayer } from './analyst-layers';
import { AnalystMapController } from './analyst-map.controller';
import type { AnalystScene } from './analyst-map-state';
import { analystGridStore, playbackStore, viewportStore } from './analyst.store';
import type { DisplayTrack } from './decode-points';

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
  /** The controller once the district is drawn (the PNG export is offered then), null when it is gone. */
  onReady(controller: AnalystMapController | null): void;
}

export function AnalystMap(props: AnalystMapProps) {
  const {
    meta,
    bbox,
    layer,
    grids,
    choroplethColour,
    tilesUrl,
    pointColour,
    deadCorners,
    special,
    deckLayers,
    tracks,
    trailSeconds,
    onReady,
  } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const scene = useMemo<AnalystScene>(
    () => ({ layer, grids, choroplethColour, tilesUrl, pointColour, deadCorners, special, deckLayers, tracks, trailSeconds }),
    [layer, grids, choroplethColour, tilesUrl, pointColour, deadCorners, special, deckLayers, tracks, trailSeconds],
  );
  const [sceneStore] = useState(() => createStore(scene));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const controller = new AnalystMapController({
      container,
      districtCode: meta.district.code,
      bbox,
      underFillRatio: meta.ruleProfile.underFillRatio,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      stores: { scene: sceneStore, selectedGrid: analystGridStore, playback: playbackStore, viewport: viewportStore },
    });
    let alive = true;
    void controller.loaded.then(() => alive && onReady(controller));
    return () => {
      alive = false;
      onReady(null);
      controller.destroy();
    };
    // One controller per mount; it follows the scene store and the analyst stores itself.
  }, []);

  // The view's props are the scene: hand each new one to the controller through its store.
  useEffect(() => sceneStore.set(scene), [sceneStore, scene]);

  return <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('analyst.title')} />;
}
