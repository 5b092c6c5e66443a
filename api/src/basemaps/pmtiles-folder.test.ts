import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { saveUpload } from './pmtiles-folder.js';

/** A request body of `chunks`, each `size` bytes of `fill`. */
function body(chunks: number, size: number, fill = 1): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size).fill(fill));
      else controller.close();
    },
  });
}

describe('an upload refused into the basemap folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gridatlas-pmtiles-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('leaves nothing behind, refused in its first chunk, in a later one or for what it holds, many times over', async () => {
    const refusals: number[] = [];
    for (let i = 0; i < 40; i++) {
      for (const [stream, max] of [
        [body(1, 4096), 1024], // too large at once: refused before the file's open has completed
        [body(8, 4096), 10_000], // too large after some chunks were written
        [body(2, 4096), 1 << 20], // whole, but not a PMTiles archive
      ] as const) {
        const error = await saveUpload(dir, `refused-${i}.pmtiles`, stream, max).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(HttpError);
        refusals.push((error as HttpError).status);
        expect(await readdir(dir)).toEqual([]);
      }
    }
    expect(new Set(refusals)).toEqual(new Set([413, 422]));
  });
});
