/**
 * Puts the chosen basemap under GridAtlas's layers on one map and keeps it there: it follows
 * the basemap store (district settings and the user's pick) and the locale, inserts the
 * basemap's sources and layers just above the offline background, thins the offline fills
 * that would hide it, and shows the credit. A basemap that cannot be read (an archive that
 * fails to open, tiles that all fail: a wrong key, no network) is removed again and the
 * offline style stays, with a notice saying why — never a blank map. Framework-free: the
 * base-map factory creates one per map.
 */
import type { ErrorEvent, Map as MapLibreMap, MapSourceDataEvent } from 'maplibre-gl';
import type { BasemapKind } from '@gridatlas/api/contract';
import { localeStore } from '../../i18n/locale.store';
import { translate } from '../../i18n/translate';
import { basemapStatusStore, basemapStore, type BasemapSelection } from '../../state/basemap.store';
import { BasemapCreditControl } from './basemap-credit.control';
import { BASEMAP_PREFIX, basemapStyle, type ArchiveInfo, type BasemapStyle } from './basemap-style';
import { forgetArchive, openArchive } from './pmtiles-protocol';

/** Offline fills drawn over the whole district: thinned so the basemap shows through. */
const THINNED_FILLS: Record<string, number> = { 'communities-fill': 0.18, 'compounds-fill': 0.4 };
/** Tiles that fail before any loads: the basemap is unusable (one stray failure is not enough). */
const FAILED_TILES_TO_GIVE_UP = 4;

export class BasemapController {
  private readonly credit = new BasemapCreditControl();
  private readonly unsubscribe: (() => void)[] = [];
  private generation = 0;
  private shown: { kind: BasemapKind; style: BasemapStyle | null } = { kind: 'offline', style: null };
  private failedTiles = 0;
  private loadedTiles = 0;
  private notice: { key: 'basemap.reason.tiles' } | { key: 'basemap.reason.archive'; message: string } | null = null;

  constructor(private readonly map: MapLibreMap) {
    map.addControl(this.credit, 'bottom-right');
    map.on('error', this.onError);
    map.on('sourcedata', this.onSourceData);
    const start = () => {
      this.unsubscribe.push(basemapStore.subscribe(() => void this.apply()));
      this.unsubscribe.push(localeStore.subscribe(() => void this.apply(true)));
      void this.apply();
    };
    if (map.loaded()) start();
    else map.once('load', start);
  }

  destroy(): void {
    this.generation++;
    for (const off of this.unsubscribe) off();
    this.map.off('error', this.onError);
    this.map.off('sourcedata', this.onSourceData);
  }

  /** Shows what the store asks for; `localeChanged`: labels and credit follow the new language. */
  private async apply(localeChanged = false): Promise<void> {
    const selection = basemapStore.get();
    const kind = selection.settings ? selection.choice : 'offline';
    if (!localeChanged && kind === this.shown.kind && this.notice === null && this.sameSettings(selection)) return;
    const mine = ++this.generation;
    this.notice = null;
    this.remove();
    if (kind === 'offline' || !selection.settings) {
      this.publish('offline', 'ready');
      return;
    }
    this.publish(kind, 'loading');
    let style: BasemapStyle;
    try {
      style = await this.styleFor(kind, selection);
    } catch (error) {
      if (mine !== this.generation) return;
      this.fail(kind, { key: 'basemap.reason.archive', message: (error as Error).message });
      return;
    }
    if (mine !== this.generation) return;
    this.add(style);
    this.shown = { kind, style };
    this.lastSettings = selection.settings;
    this.publish(kind, 'ready');
  }

  private lastSettings: BasemapSelection['settings'] = null;

  private sameSettings(selection: BasemapSelection): boolean {
    return selection.settings === this.lastSettings;
  }

  private async styleFor(kind: Exclude<BasemapKind, 'offline'>, selection: BasemapSelection): Promise<BasemapStyle> {
    const settings = selection.settings!;
    const locale = localeStore.get();
    let archive: ArchiveInfo | undefined;
    if (kind === 'pmtiles' && settings.pmtiles) {
      const url = `${location.origin}${settings.pmtiles.url}`;
      try {
        archive = await openArchive(url);
      } catch (error) {
        forgetArchive(url);
        throw error;
      }
    }
    return basemapStyle({
      kind,
      settings,
      ...(archive ? { archive } : {}),
      origin: location.origin,
      locale,
      tiandituAttribution: translate(locale, 'basemap.tiandituCredit'),
    });
  }

  /** Sources and layers go right above the offline background, under every GridAtlas layer. */
  private add(style: BasemapStyle): void {
    const map = this.map;
    const before = map.getStyle().layers.find((l) => l.type !== 'background' && !l.id.startsWith(BASEMAP_PREFIX))?.id;
    for (const [id, source] of Object.entries(style.sources)) map.addSource(id, source);
    for (const layer of style.layers) map.addLayer(layer, before);
    for (const [id, opacity] of Object.entries(THINNED_FILLS)) if (map.getLayer(id)) map.setPaintProperty(id, 'fill-opacity', opacity);
    this.failedTiles = 0;
    this.loadedTiles = 0;
  }

  private remove(): void {
    const map = this.map;
    const style = this.shown.style;
    this.shown = { kind: 'offline', style: null };
    this.lastSettings = basemapStore.get().settings;
    if (!style || !map.getStyle()) return;
    for (const layer of style.layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    for (const id of Object.keys(style.sources)) if (map.getSource(id)) map.removeSource(id);
    for (const id of Object.keys(THINNED_FILLS)) if (map.getLayer(id)) map.setPaintProperty(id, 'fill-opacity', 1);
  }

  private fail(kind: BasemapKind, notice: NonNullable<BasemapController['notice']>): void {
    this.remove();
    this.notice = notice;
    const locale = localeStore.get();
    const reason =
      notice.key === 'basemap.reason.archive' ? translate(locale, notice.key, { message: notice.message }) : translate(locale, notice.key);
    this.publish(kind, 'degraded', reason);
  }

  // Tile errors carry the id of the source that asked for the tile.
  private readonly onError = (e: ErrorEvent): void => {
    const sourceId = (e as ErrorEvent & { sourceId?: string }).sourceId;
    if (!sourceId?.startsWith(BASEMAP_PREFIX) || this.shown.kind === 'offline') return;
    this.failedTiles++;
    if (this.loadedTiles === 0 && this.failedTiles >= FAILED_TILES_TO_GIVE_UP) this.fail(this.shown.kind, { key: 'basemap.reason.tiles' });
  };

  private readonly onSourceData = (e: MapSourceDataEvent): void => {
    if (e.sourceId.startsWith(BASEMAP_PREFIX) && e.tile && e.sourceDataType !== 'metadata') this.loadedTiles++;
  };

  private publish(kind: BasemapKind, state: 'loading' | 'ready' | 'degraded', reason?: string): void {
    const locale = localeStore.get();
    const style = this.shown.style;
    this.map.getContainer().dataset['basemap'] = state === 'degraded' ? 'offline' : kind;
    this.map.getContainer().dataset['basemapState'] = state;
    this.credit.update({
      attribution: style?.credit.attribution ?? null,
      reviewNumber: style?.credit.reviewNumber ? translate(locale, 'basemap.reviewNumber', { n: style.credit.reviewNumber }) : null,
      notice: reason ? translate(locale, 'basemap.degraded', { reason }) : null,
    });
    basemapStatusStore.set(state === 'degraded' ? { kind, state, reason: reason! } : { kind, state });
  }
}
