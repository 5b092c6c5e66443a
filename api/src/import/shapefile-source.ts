/**
 * Point shapefiles from a zip (or a bare .shp with its .dbf beside it). A zip may hold several
 * layers and the junk real uploads carry (`__MACOSX/`, `._*` resource forks, `.DS_Store`),
 * which is never even decompressed. Every point layer is read (or only `layer`); layers of
 * lines or polygons are skipped and reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import { readDbf } from './dbf-reader.js';
import type { ImportSource } from './import-source.js';
import { ImportError, type ImportInput, type SourceOptions, type SourceRecord } from './import.types.js';
import { readShp } from './shp-reader.js';

const PARTS = ['shp', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];
type Layer = Partial<Record<Part, Uint8Array>>;

/** macOS metadata a zip made in Finder carries. */
export function isJunkEntry(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return path.startsWith('__MACOSX/') || path.includes('/__MACOSX/') || name.startsWith('._') || name === '.DS_Store' || name === 'Thumbs.db';
}

function partOf(path: string): { layer: string; part: Part } | null {
  const m = /^(.*)\.([^./]+)$/.exec(path);
  const ext = m?.[2]?.toLowerCase();
  if (!m || !(PARTS as readonly string[]).includes(ext ?? '')) return null;
  return { layer: m[1]!, part: ext as Part };
}

function layersOf(input: ImportInput): Map<string, Layer> {
  const layers = new Map<string, Layer>();
  const name = 'path' in input ? input.path : input.name;
  if (name.toLowerCase().endsWith('.shp') && 'path' in input) {
    const stem = input.path.slice(0, -4);
    const layer: Layer = {};
    for (const part of PARTS) {
      const file = [`${stem}.${part}`, `${stem}.${part.toUpperCase()}`].find((f) => existsSync(f));
      if (file) layer[part] = readFileSync(file);
    }
    layers.set(basename(stem), layer);
    return layers;
  }
  const zip = 'path' in input ? readFileSync(input.path) : input.bytes;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (f) => !isJunkEntry(f.name) && partOf(f.name) !== null });
  } catch (error) {
    throw new ImportError(`not a readable zip: ${(error as Error).message}`);
  }
  for (const [path, data] of Object.entries(files)) {
    const p = partOf(path)!;
    const layer = layers.get(p.layer) ?? {};
    layer[p.part] = data;
    layers.set(p.layer, layer);
  }
  return layers;
}

export function shapefileRecords(input: ImportInput, options: SourceOptions): ImportSource {
  const layers = layersOf(input);
  const wanted = [...layers].filter(([path, l]) => l.shp && l.dbf && (options.layer === undefined || basename(path) === options.layer));
  if (wanted.length === 0) {
    throw new ImportError(
      options.layer === undefined ? 'no shapefile (.shp with its .dbf) found' : `no shapefile layer "${options.layer}" (layers: ${[...layers.keys()].map((k) => basename(k)).join(', ')})`,
    );
  }
  const read: string[] = [];
  const skipped: string[] = [];
  const source: ImportSource = { format: 'shp', layers: { read, skipped }, records: (async function* () {})() };
  const opened = wanted.map(([path, l]) => ({ name: basename(path), l, shp: readShp(l.shp!) }));
  for (const { name, l, shp } of opened) {
    if (!shp.isPoints) continue;
    const prj = l.prj ? new TextDecoder().decode(l.prj) : '';
    if (/^\s*PROJCS\[/i.test(prj)) source.projected = `${name}: ${/^\s*PROJCS\["([^"]*)"/i.exec(prj)?.[1] ?? 'projected'}`;
  }
  source.records = (async function* (): AsyncIterable<SourceRecord> {
    for (const { name, l, shp } of opened) {
      if (!shp.isPoints) {
        skipped.push(name);
        continue;
      }
      read.push(name);
      const cpg = l.cpg ? new TextDecoder().decode(l.cpg).trim() : undefined;
      const dbf = readDbf(l.dbf!, cpg || options.encoding || 'latin1');
      const projected = l.prj !== undefined && /^\s*PROJCS\[/i.test(new TextDecoder().decode(l.prj));
      let i = 0;
      for (const point of shp.points()) {
        const fields = dbf.record(i);
        i++;
        if (fields === null) continue;
        yield { row: i, layer: name, fields, point: projected ? null : point };
      }
    }
  })();
  return source;
}
