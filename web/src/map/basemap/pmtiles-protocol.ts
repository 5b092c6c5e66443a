/**
 * The `pmtiles://` protocol, registered with MapLibre once per page: every map shares one
 * reader per archive URL (its header and directories are cached there).
 */
import * as maplibregl from 'maplibre-gl';
import { PMTiles, Protocol, type Header } from 'pmtiles';

let protocol: Protocol | null = null;

function registered(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

/** The archive at `url` (absolute), registered for the protocol; reads its header. */
export function openArchive(url: string): Promise<Header> {
  const p = registered();
  let archive = p.get(url);
  if (!archive) {
    archive = new PMTiles(url);
    p.add(archive);
  }
  return archive.getHeader();
}

/** Forgets an archive whose reading failed, so a later try starts afresh. */
export function forgetArchive(url: string): void {
  protocol?.tiles.delete(url);
}
