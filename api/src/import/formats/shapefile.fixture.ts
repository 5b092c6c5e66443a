/**
 * Writes small point shapefiles for tests: .shp (Point records), .dbf (C and N fields) and
 * a .prj, zipped with the macOS junk Finder adds (`__MACOSX/`, `._*`, `.DS_Store`).
 */
import { zipSync } from 'fflate';

export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const CGCS_GK_PRJ = 'PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]';

export function pointShp(points: ([number, number] | null)[]): Uint8Array {
  const recordBytes = points.map((p) => (p ? 28 : 12));
  const total = 100 + recordBytes.reduce((a, b) => a + b, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 9994, false);
  dv.setInt32(24, total / 2, false);
  dv.setInt32(28, 1000, true);
  dv.setInt32(32, 1, true);
  let at = 100;
  points.forEach((p, i) => {
    dv.setInt32(at, i + 1, false);
    dv.setInt32(at + 4, (recordBytes[i]! - 8) / 2, false);
    dv.setInt32(at + 8, p ? 1 : 0, true);
    if (p) {
      dv.setFloat64(at + 12, p[0], true);
      dv.setFloat64(at + 20, p[1], true);
    }
    at += recordBytes[i]!;
  });
  return out;
}

export function dbf(fields: { name: string; type: 'C' | 'N'; length: number }[], rows: (string | number | null)[][]): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((a, f) => a + f.length, 0);
  const out = new Uint8Array(headerLength + rows.length * recordLength + 1).fill(0x20);
  const dv = new DataView(out.buffer);
  out.fill(0, 0, headerLength);
  out[0] = 3;
  dv.setUint32(4, rows.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  const enc = new TextEncoder();
  fields.forEach((f, i) => {
    out.set(enc.encode(f.name), 32 + i * 32);
    out[32 + i * 32 + 11] = f.type.charCodeAt(0);
    out[32 + i * 32 + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength + 1;
    fields.forEach((f, i) => {
      const v = row[i];
      const bytes = enc.encode(v === null || v === undefined ? '' : String(v)).subarray(0, f.length);
      if (f.type === 'N') out.set(bytes, at + f.length - bytes.length);
      else out.set(bytes, at);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** A zip of layers `{ name: { shp, dbf, prj?, cpg? } }` inside `folder/`, with macOS junk. */
export function shapefileZip(layers: Record<string, Record<string, Uint8Array | string>>, folder = 'export'): Uint8Array {
  const files: Record<string, Uint8Array> = { [`${folder}/.DS_Store`]: new Uint8Array(64) };
  for (const [name, parts] of Object.entries(layers)) {
    for (const [ext, data] of Object.entries(parts)) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      files[`${folder}/${name}.${ext}`] = bytes;
      // AppleDouble resource forks: same names, garbage content.
      files[`__MACOSX/${folder}/._${name}.${ext}`] = new Uint8Array(244).fill(7);
    }
  }
  return zipSync(files);
}
