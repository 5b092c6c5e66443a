/**
 * Tile keys (migration 0026): an incident's Web-Mercator position on a 2^31 × 2^31 grid,
 * `tile_x` from the west and `tile_y` from the north, interleaved into a Morton (Z-order) key,
 * x in the even bits. A map tile (z, x, y) is then one contiguous range of keys, and the
 * buffer around it a few dozen more, so a tile's points are read from one B-tree in order.
 */
import { TILE_BUFFER, TILE_EXTENT } from './tile-coords.js';

/** Bits per axis of the grid the keys are made on. */
export const KEY_BITS = 31;
/** Zoom levels finer than the tile's for the cells that cover its buffer (1/16 of a tile: 256 px ≥ the 64-px buffer). */
const RING_DEPTH = 4;
/** log2(TILE_EXTENT): a tile of zoom z has pixels of the grid at zoom z + 12. */
const EXTENT_BITS = Math.log2(TILE_EXTENT);

/** spread8[v]: the 8 bits of v moved to the even bits (bit i → bit 2i). */
const spread8 = Array.from({ length: 256 }, (_, v) => {
  let r = 0;
  for (let i = 0; i < 8; i++) if (v & (1 << i)) r |= 1 << (2 * i);
  return r;
});

/** v (below 2^31) with its bits moved to the even bits, from its four bytes (each half below 2^32). */
function spread(v: number): bigint {
  const low = spread8[v & 0xff]! + spread8[(v >>> 8) & 0xff]! * 0x10000;
  const high = spread8[(v >>> 16) & 0xff]! + spread8[v >>> 24]! * 0x10000;
  return (BigInt(high) << 32n) | BigInt(low);
}

/** The Morton key of cell (x, y), each below 2^31: x's bits at even positions, y's at odd. */
export function mortonKey(x: number, y: number): bigint {
  return spread(x) | (spread(y) << 1n);
}

/** The keys of tile (z, x, y) as `[first, end)`. */
export function tileKeySpan(z: number, x: number, y: number): [bigint, bigint] {
  const shift = 2n * BigInt(KEY_BITS - z);
  const m = mortonKey(x, y);
  return [m << shift, (m + 1n) << shift];
}

/**
 * The key ranges `[first, end)` that hold the tile and its buffer: the tile's own range and
 * the ring of cells one level RING_DEPTH finer around it, adjacent ranges merged, in key order.
 * The ring reaches 256 px beyond the tile's edges; the buffer's exact edge (64 px) is drawn
 * on the pixels afterwards.
 */
export function tileKeyRanges(z: number, x: number, y: number): [bigint, bigint][] {
  const level = z + RING_DEPTH;
  if (level > KEY_BITS) throw new Error(`tile-key: zoom ${z} is finer than the keys allow (at most ${KEY_BITS - RING_DEPTH})`);
  const n = 1 << RING_DEPTH;
  const cells = 2 ** level;
  const shift = 2n * BigInt(KEY_BITS - level);
  const spans: [bigint, bigint][] = [tileKeySpan(z, x, y)];
  for (let cx = x * n - 1; cx <= (x + 1) * n; cx++) {
    for (let cy = y * n - 1; cy <= (y + 1) * n; cy++) {
      const inside = cx >= x * n && cx < (x + 1) * n && cy >= y * n && cy < (y + 1) * n;
      if (inside || cx < 0 || cy < 0 || cx >= cells || cy >= cells) continue;
      const m = mortonKey(cx, cy);
      spans.push([m << shift, (m + 1n) << shift]);
    }
  }
  spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && last[1] === a) last[1] = b;
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * How a grid cell becomes a pixel of tile (z, x, y): `((cell << left) + half) >> right` less
 * the tile's first pixel `origin`, rounded to the nearest pixel (halves up). From zoom 20 the
 * grid is coarser than the pixels (2^(z − 19) pixels a cell).
 */
export interface TilePlacement {
  left: number;
  half: number;
  right: number;
  originX: number;
  originY: number;
}

export function tilePlacement(z: number, x: number, y: number): TilePlacement {
  const right = KEY_BITS - EXTENT_BITS - z;
  return {
    left: Math.max(0, -right),
    half: right > 0 ? 2 ** (right - 1) : 0,
    right: Math.max(0, right),
    originX: x * TILE_EXTENT,
    originY: y * TILE_EXTENT,
  };
}

/** The pixel bounds a kept point lies within (inclusive), as ST_AsMVTGeom clips with its buffer. */
export const PIXEL_MIN = -TILE_BUFFER;
export const PIXEL_MAX = TILE_EXTENT + TILE_BUFFER;
