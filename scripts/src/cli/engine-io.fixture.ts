/**
 * Files for the engine command tests: a temp dir, a runner that captures output, and a
 * synthetic community near 34° N — a square of n×n street blocks of 100 m with building
 * points of known households — whose answer is known (the lower bound is reachable).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { UsageError, type Command } from './command.js';

export const DENVER = join(
  process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real'),
  'denver-neighborhoods-2010.geojson',
);

export function tempDir(prefix: string): { dir: string; file: (json: unknown, name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    file(json, name) {
      const path = join(dir, name ?? `f${++n}.geojson`);
      writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a command as the CLI does: exit code, printed lines, and a UsageError's message as exit 2. */
export async function runCommand(command: Command, values: Record<string, string>): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  try {
    const code = await command.run({ values, positionals: [], out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  } catch (error) {
    if (error instanceof UsageError) return { code: error.exitCode, out: [...out, error.message].join('\n') };
    throw error;
  }
}

const LNG0 = 108.9;
const LAT0 = 34.25;
const M_LAT = 1 / 110_950;
const M_LNG = 1 / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
const ll = (x: number, y: number): Position => [LNG0 + x * M_LNG, LAT0 + y * M_LAT];
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/**
 * n×n blocks of 100 m, `perBlock` building points of `households` each (3 persons a household)
 * per block; `big` adds one building of that many households in the first block.
 */
export function pointCommunity(
  n: number,
  perBlock: number,
  households: number,
  big = 0,
): { boundary: FeatureCollection; streets: FeatureCollection; buildings: FeatureCollection } {
  const size = n * 100;
  const boundary = fc([
    {
      type: 'Feature',
      properties: { code: 'C1' },
      geometry: { type: 'Polygon', coordinates: [[ll(0, 0), ll(size, 0), ll(size, size), ll(0, size), ll(0, 0)]] },
    },
  ]);
  const streets: Feature[] = [];
  for (let k = 1; k < n; k++) {
    streets.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: [ll(k * 100, -20), ll(k * 100, size + 20)] },
    });
    streets.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: [ll(-20, k * 100), ll(size + 20, k * 100)] },
    });
  }
  const buildings: Feature[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let b = 0; b < perBlock; b++) {
        const h = b === 0 && i === 0 && j === 0 && big > 0 ? big : households;
        buildings.push({
          type: 'Feature',
          properties: { id: `b${i}-${j}-${b}`, households: h, persons: 3 * h },
          geometry: { type: 'Point', coordinates: ll(i * 100 + 15 + (70 * (b + 0.5)) / perBlock, j * 100 + 50) },
        });
      }
    }
  }
  return { boundary, streets: fc(streets), buildings: fc(buildings) };
}

/**
 * The LineStrings of `streets` as OpenStreetMap XML ways tagged `highway` (residential unless a
 * feature says otherwise), each vertex a node; `extra` is XML added inside `<osm>`.
 */
export function osmXmlOf(streets: FeatureCollection, extra = ''): string {
  const nodes: string[] = [];
  const ways: string[] = [];
  streets.features.forEach((f, i) => {
    const coordinates = (f.geometry as { coordinates: Position[] }).coordinates;
    const refs = coordinates.map((p) => {
      nodes.push(`<node id="${nodes.length + 1}" lat="${p[1]}" lon="${p[0]}"/>`);
      return `<nd ref="${nodes.length}"/>`;
    });
    ways.push(`<way id="${1000 + i}">${refs.join('')}<tag k="highway" v="${String(f.properties?.highway ?? 'residential')}"/></way>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="gridatlas test">\n${nodes.join('\n')}\n${ways.join('\n')}\n${extra}\n</osm>\n`;
}
