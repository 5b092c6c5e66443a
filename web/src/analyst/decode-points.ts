/**
 * JSON of the points and tracks routes into what deck.gl reads without per-object
 * accessors: typed arrays for the heatmap's binary attributes, and track timestamps made
 * relative to the day (float32 cannot hold epoch seconds to the second).
 */
import type { IncidentPointsResponse, PatrolTracks } from '@gridatlas/api/contract';
import type { IncidentPoints } from './decode.protocol';

/** Flat `positions` (lng, lat degrees) and parallel arrays into typed arrays; category indices are < 256. */
export function decodePoints(body: IncidentPointsResponse): IncidentPoints {
  const count = Math.min(body.count, body.positions.length >> 1);
  return {
    count,
    truncated: body.truncated,
    positions: Float32Array.from(body.positions.slice(0, count * 2)),
    categories: Uint8Array.from(body.categories.slice(0, count)),
    times: Float64Array.from(body.times.slice(0, count)),
    categoryKeys: body.categoryKeys,
  };
}

export interface DisplayTrack {
  staffId: string;
  gridCode: string | null;
  path: [number, number][];
  /** Seconds since `dayStart`, parallel to `path`. */
  timestamps: number[];
}

/** Tracks with timestamps in seconds since `dayStart` (epoch seconds); tracks of fewer than two points are dropped. */
export function decodeTracks(body: PatrolTracks, dayStart: number): DisplayTrack[] {
  return body.tracks
    .filter((t) => t.path.length >= 2 && t.timestamps.length === t.path.length)
    .map((t) => ({ staffId: String(t.staffId), gridCode: t.gridCode, path: t.path, timestamps: t.timestamps.map((s) => s - dayStart) }));
}
