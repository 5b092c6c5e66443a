import type { BasemapKind } from '../api/basemap-api';
import type { Translate } from '../i18n/locale.store';

/** A basemap's name in the switch and the settings: the PMTiles one names its file. */
export function basemapLabel(t: Translate, kind: BasemapKind, file: string | undefined): string {
  return kind === 'pmtiles' ? t('basemap.pmtiles', { file: file ?? '' }) : t(`basemap.${kind}`);
}
