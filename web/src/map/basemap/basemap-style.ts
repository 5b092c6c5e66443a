/**
 * The MapLibre sources and layers of each basemap, drawn under GridAtlas's own layers:
 * a Protomaps vector archive (PMTiles, through the `pmtiles://` protocol) with the
 * `@protomaps/basemaps` style, a raster archive as a raster layer, or Tianditu's WMTS
 * services in Web Mercator (`*_w`: vec + cva for vector, img + cia for imagery) with the key
 * as `tk`. Label glyphs are drawn locally from LABEL_FONTS (no glyphs URL) and the archive
 * style's icons are dropped (no sprite), as in the offline style.
 */
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { BasemapKind, BasemapSettings } from '@gridatlas/api';
import { LABEL_FONTS } from '../offline-style';

/** Every basemap layer and source id starts with this, so they are found and removed as one. */
export const BASEMAP_PREFIX = 'basemap-';

export type ArchiveTileType = 'mvt' | 'png' | 'jpg' | 'webp' | 'avif' | 'mlt' | 'unknown';

export interface BasemapCredit {
  attribution: string;
  /** Tianditu's map review number (审图号), shown on the map as its terms require. */
  reviewNumber: string | null;
}

export interface BasemapStyle {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  credit: BasemapCredit;
}

/** Tianditu's eight tile hosts; requests are spread over them. */
const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`);

/**
 * The tile URLs of one Tianditu WMTS layer in Web Mercator (`vec`, `cva`, `img`, `cia`).
 *
 * @example
 * tiandituTiles('vec', 'k')[0] // 'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&…&tk=k'
 */
export function tiandituTiles(layer: 'vec' | 'cva' | 'img' | 'cia', key: string): string[] {
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
  return TIANDITU_HOSTS.map((host) => `${host}/${layer}_w/wmts?${query}`);
}

function tianditu(kind: 'tianditu-vector' | 'tianditu-imagery', settings: BasemapSettings, attribution: string): BasemapStyle {
  const t = settings.tianditu;
  if (!t) throw new Error('Tianditu is not configured for this district');
  const [base, labels] = kind === 'tianditu-vector' ? (['vec', 'cva'] as const) : (['img', 'cia'] as const);
  const raster = (layer: typeof base | typeof labels): SourceSpecification => ({
    type: 'raster',
    tiles: tiandituTiles(layer, t.key),
    tileSize: 256,
    minzoom: 1,
    maxzoom: 18,
    attribution,
  });
  return {
    sources: { [`${BASEMAP_PREFIX}tianditu`]: raster(base), [`${BASEMAP_PREFIX}tianditu-labels`]: raster(labels) },
    layers: [
      { id: `${BASEMAP_PREFIX}tianditu`, type: 'raster', source: `${BASEMAP_PREFIX}tianditu` },
      { id: `${BASEMAP_PREFIX}tianditu-labels`, type: 'raster', source: `${BASEMAP_PREFIX}tianditu-labels` },
    ],
    credit: { attribution, reviewNumber: t.reviewNumber },
  };
}

/** Layout properties that need the sprite (absent offline) or name fonts we do not load. */
const ICON_LAYOUT = /^icon-/;
/** Layers that draw only icons or shields: nothing to show without a sprite. */
const ICON_ONLY = new Set(['roads_shields', 'roads_oneway']);

/** The Protomaps style adapted to run without sprite and glyphs; `lang` picks label names (zh-Hans or en). */
export function protomapsStyleLayers(source: string, lang: string): LayerSpecification[] {
  return protomapsLayers(source, namedFlavor('light'), { lang })
    .filter((layer) => layer.type !== 'background' && !ICON_ONLY.has(layer.id))
    .map((layer) => {
      const id = `${BASEMAP_PREFIX}${layer.id}`;
      if (layer.type !== 'symbol') return { ...layer, id } as LayerSpecification;
      const layout = Object.fromEntries(Object.entries(layer.layout ?? {}).filter(([k]) => !ICON_LAYOUT.test(k)));
      return { ...layer, id, layout: { ...layout, 'text-font': LABEL_FONTS } } as LayerSpecification;
    })
    // A symbol layer left with neither text nor icon would draw nothing.
    .filter((layer) => layer.type !== 'symbol' || layer.layout?.['text-field'] !== undefined);
}

/** An archive's style: Protomaps vector layers or one raster layer, by the archive's tile type. */
function pmtiles(settings: BasemapSettings, tileType: ArchiveTileType, origin: string, lang: string): BasemapStyle {
  const p = settings.pmtiles;
  if (!p) throw new Error('no PMTiles file is configured for this district');
  const url = `pmtiles://${origin}${p.url}`;
  const id = `${BASEMAP_PREFIX}pmtiles`;
  const credit = { attribution: p.attribution, reviewNumber: null };
  if (tileType === 'mvt') {
    return { sources: { [id]: { type: 'vector', url, attribution: p.attribution } }, layers: protomapsStyleLayers(id, lang), credit };
  }
  if (tileType === 'png' || tileType === 'jpg' || tileType === 'webp') {
    return { sources: { [id]: { type: 'raster', url, tileSize: 256, attribution: p.attribution } }, layers: [{ id, type: 'raster', source: id }], credit };
  }
  throw new Error(`tiles of type ${tileType} cannot be drawn`);
}

export interface BasemapStyleInput {
  kind: Exclude<BasemapKind, 'offline'>;
  settings: BasemapSettings;
  /** For `pmtiles`: the archive's tile type from its header. */
  tileType?: ArchiveTileType;
  /** The page's origin: the protocol's reader fetches by absolute URL. */
  origin: string;
  /** Label language of a vector archive: `zh-Hans` or `en`. */
  lang: string;
  /** Tianditu's credit line in the UI language. */
  tiandituAttribution: string;
}

export function basemapStyle(input: BasemapStyleInput): BasemapStyle {
  if (input.kind === 'pmtiles') return pmtiles(input.settings, input.tileType ?? 'unknown', input.origin, input.lang);
  return tianditu(input.kind, input.settings, input.tiandituAttribution);
}
