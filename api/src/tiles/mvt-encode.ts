/**
 * A Mapbox Vector Tile (spec 2.1) of point features, encoded by hand: what `ST_AsMVT` makes
 * on a PostGIS built with protobuf-c, for databases built without it (the embedded one).
 * Coordinates are tile-space integers (see `tile-coords.ts`); properties are strings or
 * whole numbers. A tile without features is empty (0 bytes), as `ST_AsMVT` returns.
 */

export interface TilePointFeature {
  id: number;
  x: number;
  y: number;
  properties: Record<string, string | number>;
}

const textEncoder = new TextEncoder();

/** How many bytes the varint of `v` takes. */
function varintLength(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 0x80);
    n++;
  }
  return n;
}

class Writer {
  private buf: Uint8Array;
  length = 0;

  constructor(size = 1024) {
    this.buf = new Uint8Array(size);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** A varint of a non-negative whole number up to 2^53. */
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  tag(field: number, wireType: 0 | 2): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  string(field: number, s: string): void {
    this.bytes(field, textEncoder.encode(s));
  }

  /** A packed repeated varint field of `values[0 … count)`, written in place. */
  packed(field: number, values: readonly number[], count = values.length): void {
    let size = 0;
    for (let k = 0; k < count; k++) size += varintLength(values[k]!);
    this.tag(field, 2);
    this.varint(size);
    for (let k = 0; k < count; k++) this.varint(values[k]!);
  }

  /** The bytes written so far, without copying (valid until the next write or reset). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);

function encodeValue(v: string | number): Uint8Array {
  const w = new Writer(16);
  if (typeof v === 'string') w.string(1, v);
  else if (Number.isInteger(v) && v >= 0) {
    w.tag(5, 0); // uint_value
    w.varint(v);
  } else if (Number.isInteger(v)) {
    w.tag(6, 0); // sint_value
    w.varint(zigzag(v));
  } else {
    throw new Error(`mvt-encode: only strings and whole numbers are supported, got ${v}`);
  }
  return w.finish();
}

/** One layer of point features; `extent` as given to `ST_AsMVT` (4096). */
export function encodePointTile(layerName: string, features: readonly TilePointFeature[], extent = 4096): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: Uint8Array[] = [];
  const valueIndex = new Map<string, number>();
  const layer = new Writer(64 + features.length * 24);
  layer.varint(15 * 8); // version = 2
  layer.varint(2);
  layer.string(1, layerName);
  // One feature at a time in a reused writer; values are keyed by type and text, so 1 and "1" stay apart.
  const feature = new Writer(64);
  const tags: number[] = [];
  const geometry = [(1 & 0x7) | (1 << 3), 0, 0]; // MoveTo ×1, x, y
  for (const f of features) {
    let n = 0;
    for (const k in f.properties) {
      const v = f.properties[k]!;
      let ki = keyIndex.get(k);
      if (ki === undefined) {
        ki = keys.push(k) - 1;
        keyIndex.set(k, ki);
      }
      const vKey = typeof v === 'string' ? `s${v}` : `n${v}`;
      let vi = valueIndex.get(vKey);
      if (vi === undefined) {
        vi = values.push(encodeValue(v)) - 1;
        valueIndex.set(vKey, vi);
      }
      tags[n++] = ki;
      tags[n++] = vi;
    }
    feature.reset();
    feature.tag(1, 0);
    feature.varint(f.id);
    feature.packed(2, tags, n);
    feature.tag(3, 0);
    feature.varint(1); // POINT
    geometry[1] = zigzag(f.x);
    geometry[2] = zigzag(f.y);
    feature.packed(4, geometry);
    layer.bytes(2, feature.view());
  }
  for (const k of keys) layer.string(3, k);
  for (const v of values) layer.bytes(4, v);
  layer.tag(5, 0);
  layer.varint(extent);
  const tile = new Writer();
  tile.bytes(3, layer.finish());
  return tile.finish();
}
