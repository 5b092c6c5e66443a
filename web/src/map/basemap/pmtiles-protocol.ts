/**
 * The `pmtiles://` protocol, registered with MapLibre once per page: every map shares one
 * reader per archive URL (its header and directories are cached there).
 */
import * as maplibregl from 'maplibre-gl';
import { PMTiles, Protocol } from 'pmtiles';
import type { ArchiveInfo, ArchiveTileType } from './basemap-style';
import type { DeclaredVectorLayer } from './vector-archive-style';

let protocol: Protocol | null = null;

function registered(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

const TILE_TYPES: Record<number, ArchiveTileType> = { 1: 'mvt', 2: 'png', 3: 'jpg', 4: 'webp', 5: 'avif', 6: 'mlt' };

/** The archive at `url` (absolute), registered for the protocol; reads its header and metadata. */
export async function openArchive(url: string): Promise<ArchiveInfo> {
  const p = registered();
  let archive = p.get(url);
  if (!archive) {
    archive = new PMTiles(url);
    p.add(archive);
  }
  const tileType = TILE_TYPES[(await archive.getHeader()).tileType] ?? 'unknown';
  if (tileType !== 'mvt') return { tileType };
  const metadata = (await archive.getMetadata()) as { vector_layers?: unknown } | null;
  const declared = Array.isArray(metadata?.vector_layers)
    ? (metadata.vector_layers as DeclaredVectorLayer[]).filter((l) => typeof l?.id === 'string')
    : undefined;
  return declared ? { tileType, vectorLayers: declared } : { tileType };
}

/** Forgets an archive whose reading failed, so a later try starts afresh. */
export function forgetArchive(url: string): void {
  protocol?.tiles.delete(url);
}
