/**
 * The server's basemap folder (`GRIDATLAS_BASEMAP_DIR`): PMTiles archives an admin put there
 * or uploaded. Names are checked against PMTILES_FILE_NAME before they touch the file system,
 * so no request can reach outside the folder. Archives are read with the `pmtiles` package
 * (header and root directory), the same decoder the browser uses.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { PMTiles, TileType, type Source } from 'pmtiles';
import { HttpError } from '../http/http-error.js';
import { PMTILES_FILE_NAME, type PmtilesFile } from './basemap.schemas.js';

export interface PmtilesSummary {
  tileType: PmtilesFile['tileType'];
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north], degrees WGS84. */
  bounds: [number, number, number, number];
}

const TILE_TYPES: Record<number, PmtilesFile['tileType']> = {
  [TileType.Mvt]: 'mvt',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
  [TileType.Mlt]: 'mlt',
};

/** The path of a file in the folder; throws a 400 for a name that is not a plain `.pmtiles` name. */
export function pmtilesPath(dir: string, name: string): string {
  if (!PMTILES_FILE_NAME.test(name))
    throw new HttpError(400, 'bad_request', `"${name}" is not a basemap file name (letters, digits, ".", "_", "-", ending in .pmtiles)`);
  return join(dir, name);
}

/** A pmtiles `Source` over a local file: each read opens, reads and closes (archives may be replaced). */
function fileSource(path: string): Source {
  return {
    getKey: () => path,
    async getBytes(offset, length) {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
        return { data };
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * Reads an archive's header and root directory; throws a 422 naming what is wrong when the
 * file is not a PMTiles v3 archive (another format, an older PMTiles version, a cut-off upload).
 */
export async function readPmtilesSummary(path: string, shownName: string): Promise<PmtilesSummary> {
  const head = Buffer.alloc(8);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 7).toString('latin1') !== 'PMTiles') {
    throw new HttpError(
      422,
      'unprocessable',
      `${shownName} is not a PMTiles archive (it does not start with "PMTiles"); convert MBTiles with "pmtiles convert"`,
    );
  }
  if (head[7] !== 3)
    throw new HttpError(
      422,
      'unprocessable',
      `${shownName} is PMTiles version ${head[7]}; GridAtlas reads version 3 ("pmtiles convert" upgrades it)`,
    );
  try {
    const h = await new PMTiles(fileSource(path)).getHeader();
    return {
      tileType: TILE_TYPES[h.tileType] ?? 'unknown',
      minZoom: h.minZoom,
      maxZoom: h.maxZoom,
      bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
    };
  } catch (error) {
    throw new HttpError(422, 'unprocessable', `${shownName} is a damaged PMTiles archive: ${(error as Error).message}`);
  }
}

/** The archives in the folder with their headers; unreadable ones are left out. Missing folder: none. */
export async function listPmtilesFiles(dir: string, usedBy: ReadonlyMap<string, string[]>): Promise<PmtilesFile[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const files: PmtilesFile[] = [];
  for (const name of names.filter((n) => PMTILES_FILE_NAME.test(n)).sort()) {
    const path = join(dir, name);
    try {
      const [info, summary] = await Promise.all([stat(path), readPmtilesSummary(path, name)]);
      if (!info.isFile()) continue;
      files.push({ name, sizeBytes: info.size, modifiedAt: info.mtime.toISOString(), ...summary, usedBy: usedBy.get(name) ?? [] });
    } catch {
      // A file being copied in or not an archive at all: not offered.
    }
  }
  return files;
}

/**
 * Streams an upload into the folder under a temporary name, checks it is a PMTiles v3
 * archive, then renames it into place; a refused or broken upload leaves nothing behind.
 */
export async function saveUpload(dir: string, name: string, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<PmtilesSummary> {
  const target = pmtilesPath(dir, name);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  ) {
    throw new HttpError(409, 'conflict', `${name} already exists in the basemap folder: upload under another name, or delete it first`);
  }
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${name}.${process.pid}.${Date.now()}.upload`);
  let size = 0;
  const counted = Readable.fromWeb(body as NodeReadableStream<Uint8Array>).map((chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes)
      throw new HttpError(
        413,
        'payload_too_large',
        `the file is larger than ${Math.round(maxBytes / 2 ** 20)} MiB (GRIDATLAS_BASEMAP_MAX_MB)`,
      );
    return chunk;
  });
  const out = createWriteStream(temp, { flags: 'wx' });
  try {
    await pipeline(counted, out);
    if (size === 0) throw new HttpError(400, 'bad_request', 'the upload is empty: send the archive as the request body');
    const summary = await readPmtilesSummary(temp, name);
    await rename(temp, target);
    return summary;
  } catch (error) {
    // The file is opened asynchronously: a refusal in the first chunk can come before the open
    // completes, and removing it then would leave the file the open makes after. Remove it once
    // the stream has closed.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
