/**
 * GPX track points (`<trkpt lat lon><time/></trkpt>`, also route points) as records with fields
 * `lat`, `lon`, `time`, `ele` and `worker` (the enclosing `<trk><name>`). GPX is WGS84 by
 * definition, though Chinese phone apps sometimes write GCJ-02: name the CRS then.
 */
import { readFileSync } from 'node:fs';
import type { ImportInput, SourceRecord } from '../import.types.js';

const ATTR = (name: string): RegExp => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`);
const TAG = (name: string): RegExp => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`);

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export async function* gpxRecords(input: ImportInput): AsyncIterable<SourceRecord> {
  const xml = 'path' in input ? readFileSync(input.path, 'utf8') : new TextDecoder().decode(input.bytes);
  const tracks = /<(trk|rte)\b[^>]*>([\s\S]*?)<\/\1>/g;
  let row = 0;
  for (let t = tracks.exec(xml); t; t = tracks.exec(xml)) {
    const body = t[2]!;
    // The track's own name, not a point's: the first <name> before any point.
    const head = body.split(/<(?:trkseg|trkpt|rtept)\b/)[0] ?? '';
    const name = TAG('name').exec(head)?.[1];
    const points = /<(trkpt|rtept)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g;
    for (let p = points.exec(body); p; p = points.exec(body)) {
      const attrs = p[2]!;
      const inner = p[3] ?? '';
      row++;
      yield {
        row,
        fields: {
          lat: ATTR('lat').exec(attrs)?.[1],
          lon: ATTR('lon').exec(attrs)?.[1],
          time: TAG('time').exec(inner)?.[1],
          ele: TAG('ele').exec(inner)?.[1],
          worker: name === undefined ? undefined : unescape(name),
        },
      };
    }
  }
}
