/**
 * KML and KMZ (a zip with a .kml inside) through @tmcw/togeojson on an @xmldom/xmldom
 * document. KML is WGS84 by its specification, but files saved from Chinese web maps are
 * usually GCJ-02: give a reference layer to `readLayer` and the offset is checked, or name
 * the system with --crs gcj02.
 */
import { kml } from '@tmcw/togeojson';
import { WGS84 } from '@gridatlas/core';
import { DOMParser } from '@xmldom/xmldom';
import { FormatError } from './format-error.js';
import { decodeText } from './geojson-layer.js';
import { LayerWarnings } from './layer-warnings.js';
import { FieldTypes, type RawLayer, type RawRecord } from './raw-layer.js';
import { unzipEntries, zipEntries } from './zip-archive.js';

/** The .kml inside a .kmz: `doc.kml` by convention, else the first one. */
function kmlOfKmz(bytes: Uint8Array, maxTotal: number): Uint8Array {
  const entries = zipEntries(bytes).filter((e) => e.path.toLowerCase().endsWith('.kml'));
  const doc = entries.find((e) => e.path.toLowerCase() === 'doc.kml') ?? entries[0];
  if (!doc) throw new FormatError('no_layer', 'the .kmz holds no .kml');
  return unzipEntries(bytes, [doc], maxTotal).get(doc.path)!;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function kmlLayer(name: string, input: Uint8Array, options: { encoding?: string; maxTotal: number }): RawLayer {
  const warnings = new LayerWarnings();
  const bytes = isZip(input) ? kmlOfKmz(input, options.maxTotal) : input;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const { text, encoding } = decodeText(bytes, options.encoding, declared);
  let doc;
  try {
    doc = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new FormatError('unreadable', `not readable as KML (XML): ${(error as Error).message}`);
  }
  if (!doc.documentElement || !/kml$/i.test(doc.documentElement.nodeName))
    throw new FormatError('unreadable', 'not a KML document (no <kml> element)');
  const collection = kml(doc as unknown as Parameters<typeof kml>[0]);
  const types = new FieldTypes();
  return {
    format: 'kml',
    name,
    encoding,
    declaredCrs: { crs: WGS84, how: 'default' },
    fields: null,
    count: collection.features.length,
    bbox: null,
    warnings,
    fieldTypes: types,
    async *records(): AsyncIterable<RawRecord> {
      let row = 0;
      for (const f of collection.features) {
        row++;
        const properties: Record<string, unknown> = { ...(f.properties ?? {}) };
        types.see(properties);
        yield { row, geometry: f.geometry, properties };
      }
    },
  };
}
