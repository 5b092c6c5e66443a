/**
 * The MapLibre sources and layers of each basemap, drawn under GridAtlas's own layers:
 * a vector PMTiles archive (through the `pmtiles://` protocol) with a style built from the
 * layers the archive declares (vector-archive-style.ts), a raster archive as a raster layer,
 * or Tianditu's WMTS services in Web Mercator (`*_w`: vec + cva for vector, img + cia for
 * imagery) with the key as `tk`.
 */
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { BasemapKind, BasemapSettings } from '@gridatlas/api/contract';
import { vectorArchiveLayers, type DeclaredVectorLayer } from './vector-archive-style';

/** Every basemap layer and source id starts with this, so they are found and removed as one. */
export const BASEMAP_PREFIX = 'basemap-';

export type ArchiveTileType = 'mvt' | 'png' | 'jpg' | 'webp' | 'avif' | 'mlt' | 'unknown';

/** A PMTiles archive as its header and metadata describe it. */
export interface ArchiveInfo {
  tileType: ArchiveTileType;
  /** The metadata's `vector_layers`, when it has them. */
  vectorLayers?: DeclaredVectorLayer[];
}

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

/** An archive's style: Protomaps vector layers or one raster layer, by the archive's tile type. */
function pmtiles(settings: BasemapSettings, archive: ArchiveInfo, origin: string, locale: 'zh' | 'en'): BasemapStyle {
  const p = settings.pmtiles;
  if (!p) throw new Error('no PMTiles file is configured for this district');
  const url = `pmtiles://${origin}${p.url}`;
  const id = `${BASEMAP_PREFIX}pmtiles`;
  const credit = { attribution: p.attribution, reviewNumber: null };
  const { tileType } = archive;
  if (tileType === 'mvt') {
    return {
      sources: { [id]: { type: 'vector', url, attribution: p.attribution } },
      layers: vectorArchiveLayers(id, archive.vectorLayers, locale),
      credit,
    };
  }
  if (tileType === 'png' || tileType === 'jpg' || tileType === 'webp') {
    return {
      sources: { [id]: { type: 'raster', url, tileSize: 256, attribution: p.attribution } },
      layers: [{ id, type: 'raster', source: id }],
      credit,
    };
  }
  throw new Error(`tiles of type ${tileType} cannot be drawn`);
}

export interface BasemapStyleInput {
  kind: Exclude<BasemapKind, 'offline'>;
  settings: BasemapSettings;
  /** For `pmtiles`: what the archive's header and metadata say. */
  archive?: ArchiveInfo;
  /** The page's origin: the protocol's reader fetches by absolute URL. */
  origin: string;
  /** Label language of a vector archive. */
  locale: 'zh' | 'en';
  /** Tianditu's credit line in the UI language. */
  tiandituAttribution: string;
}

export function basemapStyle(input: BasemapStyleInput): BasemapStyle {
  if (input.kind === 'pmtiles') return pmtiles(input.settings, input.archive ?? { tileType: 'unknown' }, input.origin, input.locale);
  return tianditu(input.kind, input.settings, input.tiandituAttribution);
}
