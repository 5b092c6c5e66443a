/**
 * The geometry half of an ESRI shapefile, points only: Point (1), PointZ (11), PointM (21)
 * and single-point MultiPoint (8, 18, 28). Other shapes read as null (not a point).
 */
const POINT_TYPES = new Set([1, 11, 21]);
const MULTIPOINT_TYPES = new Set([8, 18, 28]);

export interface ShpFile {
  shapeType: number;
  /** Whether the file's shape type holds points. */
  isPoints: boolean;
  /** `[x, y]` per record in file order; null for null shapes. */
  points(): Iterable<[number, number] | null>;
}

export function readShp(bytes: Uint8Array): ShpFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) throw new Error('not a shapefile (.shp): bad file code');
  const shapeType = view.getInt32(32, true);
  const fileBytes = Math.min(bytes.length, view.getInt32(24, false) * 2);
  return {
    shapeType,
    isPoints: POINT_TYPES.has(shapeType) || MULTIPOINT_TYPES.has(shapeType),
    *points() {
      for (let at = 100; at + 8 <= fileBytes; ) {
        const contentBytes = view.getInt32(at + 4, false) * 2;
        const c = at + 8;
        const type = contentBytes >= 4 ? view.getInt32(c, true) : 0;
        if (POINT_TYPES.has(type) && contentBytes >= 20) {
          yield [view.getFloat64(c + 4, true), view.getFloat64(c + 12, true)];
        } else if (MULTIPOINT_TYPES.has(type) && contentBytes >= 56 && view.getInt32(c + 36, true) === 1) {
          yield [view.getFloat64(c + 40, true), view.getFloat64(c + 48, true)];
        } else {
          yield null;
        }
        at = c + contentBytes;
      }
    },
  };
}
