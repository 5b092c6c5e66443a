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

class Writer {
  private buf = new Uint8Array(1024);
  length = 0;

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
    this.bytes(field, new TextEncoder().encode(s));
  }

  packed(field: number, values: number[]): void {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.bytes(field, w.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);

function encodeValue(v: string | number): Uint8Array {
  const w = new Writer();
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
  const layer = new Writer();
  layer.varint(15 * 8); // version = 2
  layer.varint(2);
  layer.string(1, layerName);
  for (const f of features) {
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.properties)) {
      let ki = keyIndex.get(k);
      if (ki === undefined) {
        ki = keys.push(k) - 1;
        keyIndex.set(k, ki);
      }
      const vKey = `${typeof v}:${v}`;
      let vi = valueIndex.get(vKey);
      if (vi === undefined) {
        vi = values.push(encodeValue(v)) - 1;
        valueIndex.set(vKey, vi);
      }
      tags.push(ki, vi);
    }
    const feature = new Writer();
    feature.tag(1, 0);
    feature.varint(f.id);
    feature.packed(2, tags);
    feature.tag(3, 0);
    feature.varint(1); // POINT
    feature.packed(4, [(1 & 0x7) | (1 << 3), zigzag(f.x), zigzag(f.y)]); // MoveTo ×1
    layer.bytes(2, feature.finish());
  }
  for (const k of keys) layer.string(3, k);
  for (const v of values) layer.bytes(4, v);
  layer.tag(5, 0);
  layer.varint(extent);
  const tile = new Writer();
  tile.bytes(3, layer.finish());
  return tile.finish();
}
