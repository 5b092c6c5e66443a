/**
 * A shapefile layer from its parts: geometry from the .shp, attributes from the .dbf decoded
 * in the encoding the .cpg, the LDID or the bytes say (or the one given), the system from
 * the .prj.
 */
import { crsFromPrj, CrsError } from '@gridatlas/core';
import { dbfTextSample, readDbf, readDbfHeader } from './dbf-reader.js';
import { FormatError } from './format-error.js';
import type { ShapefilePart } from './layer-input.js';
import { LayerWarnings } from './layer-warnings.js';
import type { FieldType, LayerEncoding, LayerField } from './layer.types.js';
import type { RawLayer, RawRecord } from './raw-layer.js';
import { readShp, shapeKind } from './shp-reader.js';
import { asciiOnly, decodesAs, detectEncoding, encodingName, ldidEncoding } from './text-encoding.js';

const SINGLE_BYTE = /^(windows-\d+|ibm\d+|iso-8859-\d+)$/;

/** The DBF's encoding: given, else .cpg, else LDID, else detected — each checked against the text. */
export function dbfEncoding(
  dbf: Uint8Array,
  cpg: Uint8Array | undefined,
  given: string | undefined,
  warnings: LayerWarnings,
): LayerEncoding {
  const header = readDbfHeader(dbf);
  const sample = dbfTextSample(dbf, header);
  const check = (name: string, said: string): void => {
    if (decodesAs(sample, name)) return;
    let hint = '';
    try {
      hint = `; the text reads as ${detectEncoding(sample)}: give --encoding ${detectEncoding(sample)}`;
    } catch {
      hint = '; give the right one with --encoding';
    }
    throw new FormatError('bad_encoding', `${said} ${name}, but the attribute text is not valid ${name}${hint}`, { encoding: name });
  };
  if (given !== undefined) {
    const name = encodingName(given);
    if (!name) throw new FormatError('bad_encoding', `unknown encoding "${given}"; try gbk, utf-8, gb18030, big5 or windows-1252`);
    check(name, 'the encoding given is');
    return { name, how: 'given' };
  }
  const cpgText = cpg ? new TextDecoder().decode(cpg).trim() : '';
  if (cpgText !== '') {
    const name = encodingName(cpgText);
    if (name) {
      check(name, 'the .cpg says');
      return { name, how: 'cpg' };
    }
    warnings.add(
      'cpg_unknown',
      `the .cpg names an encoding GridAtlas does not know ("${cpgText}"); the encoding was worked out instead`,
      cpgText,
    );
  }
  const fromLdid = ldidEncoding(header.ldid);
  if (fromLdid) {
    // A Western code page in the LDID is what many tools write whatever the text: trust it only for ASCII.
    if (!SINGLE_BYTE.test(fromLdid) || asciiOnly(sample)) {
      check(fromLdid, 'the .dbf’s language driver (LDID) says');
      return { name: fromLdid, how: 'ldid' };
    }
    const name = detectEncoding(sample);
    warnings.add(
      'ldid_ignored',
      `the .dbf’s language driver says ${fromLdid}, but the text is ${name}: read as ${name}`,
      `LDID 0x${header.ldid.toString(16)}`,
    );
    return { name, how: 'detected' };
  }
  return { name: detectEncoding(sample), how: 'detected' };
}

function fieldType(type: string, decimals: number): FieldType {
  if (type === 'N') return decimals === 0 ? 'integer' : 'number';
  if (type === 'F' || type === 'B' || type === 'I' || type === 'O') return 'number';
  if (type === 'L') return 'boolean';
  if (type === 'D') return 'date';
  return 'string';
}

/** `lenientPrj`: a .prj that cannot be read leaves the layer unplaced (`prjProblem`) instead of failing (imports with coordinate fields). */
export function shapefileLayer(
  name: string,
  parts: Partial<Record<ShapefilePart, Uint8Array>>,
  options: { encoding?: string; lenientPrj?: boolean },
): RawLayer {
  if (!parts.shp) throw new FormatError('missing_part', `layer ${name} has no .shp`);
  if (!parts.dbf)
    throw new FormatError('missing_part', `layer ${name} has a .shp but no .dbf (its attributes: names, codes); add the .dbf beside it`);
  const warnings = new LayerWarnings();
  const shp = readShp(parts.shp);
  const encoding = dbfEncoding(parts.dbf, parts.cpg, options.encoding, warnings);
  const dbf = readDbf(parts.dbf, encoding.name);
  let declaredCrs: RawLayer['declaredCrs'] = null;
  let prjProblem: string | undefined;
  if (parts.prj && new TextDecoder().decode(parts.prj).trim() !== '') {
    try {
      declaredCrs = { crs: crsFromPrj(new TextDecoder().decode(parts.prj)), how: 'prj' };
    } catch (error) {
      if (!(error instanceof CrsError)) throw error;
      if (!options.lenientPrj) throw new FormatError('unknown_crs', `layer ${name}: ${error.message}`);
      prjProblem = error.message;
    }
  }
  const fields: LayerField[] = dbf.fields.map((f) => ({ name: f.name, type: fieldType(f.type, f.decimals) }));
  return {
    format: 'shp',
    name,
    encoding,
    declaredCrs,
    fields,
    count: dbf.count,
    bbox: shp.bbox,
    warnings,
    geometryKind: shapeKind(shp.shapeType),
    ...(prjProblem ? { prjProblem } : {}),
    async *records(): AsyncIterable<RawRecord> {
      let i = 0;
      for (const rec of shp.records()) {
        if (rec.zm) warnings.add('zm_dropped', 'Z and M values are not kept (GridAtlas is 2D)', i + 1);
        if (rec.orphanHoles > 0)
          warnings.add(
            'hole_without_shell',
            'rings wound as holes with no shell around them were read as shells (as GDAL does)',
            i + 1,
            rec.orphanHoles,
          );
        if (i >= dbf.count) {
          warnings.add('no_attributes', 'the .shp holds more shapes than the .dbf has rows: these shapes have no attributes', i + 1);
          yield { row: i + 1, geometry: rec.geometry, properties: {} };
        } else {
          const properties = dbf.record(i);
          // Rows marked deleted are skipped, as GDAL skips them, and counted.
          if (properties === null) warnings.add('deleted_rows', 'rows marked deleted in the .dbf were skipped', i + 1);
          else yield { row: i + 1, geometry: rec.geometry, properties };
        }
        i++;
      }
      for (; i < dbf.count; i++) {
        warnings.add('no_geometry', 'the .dbf has more rows than the .shp has shapes: these rows have no geometry', i + 1);
        const properties = dbf.record(i);
        if (properties === null) warnings.add('deleted_rows', 'rows marked deleted in the .dbf were skipped', i + 1);
        else yield { row: i + 1, geometry: null, properties };
      }
    },
  };
}
