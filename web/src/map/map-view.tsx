/**
 * Mounts the district view's map: one `DistrictMapController` per district, created on mount
 * and destroyed on unmount. The controller follows the stores itself (layer toggles, selected
 * grid, locale) and a region store this component keeps on the selected region.
 */
import { useEffect, useRef, useState } from 'react';
import type { Meta, Region } from '@gridatlas/api/contract';
import { localeStore, useI18n } from '../i18n/locale.store';
import { createStore } from '../state/create-store';
import { layerVisibilityStore, selectedGridStore } from '../state/view.store';
import { DistrictMapController } from './district-map.controller';
import { staffingStatusStore } from '../staff/staffing.store';

export interface MapViewProps {
  meta: Meta;
  district: Region;
  /** The selected region; its bbox is flown to and the heavy layers are scoped to it. */
  region: Region;
  onError(error: Error): void;
}

export function MapView({ meta, district, region, onError }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { t } = useI18n();
  const [regionStore] = useState(() => createStore(region));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const stores = {
      region: regionStore,
      visibility: layerVisibilityStore,
      selectedGrid: selectedGridStore,
      locale: localeStore,
      staffing: staffingStatusStore,
    };
    const controller = new DistrictMapController({ container, meta, district, stores, onError });
    return () => controller.destroy();
    // One controller per district (the shell keys this by district); it follows the stores itself.
  }, []);

  // The selected region comes as a prop (worked out from the region code and the index): hand it on.
  useEffect(() => regionStore.set(region), [regionStore, region]);

  return <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('app.name')} />;
}
