/** The jobs and results of the analyst's decode worker (the envelope is ../worker/worker-protocol.ts). */
import type { DisplayTrack } from './decode-points';

/** The points decoded into typed arrays (in the worker) for deck.gl's binary attributes. */
export interface IncidentPoints {
  count: number;
  truncated: boolean;
  /** lng, lat pairs in degrees WGS84. */
  positions: Float32Array;
  /** Index into `categoryKeys`. */
  categories: Uint8Array;
  /** Epoch seconds. */
  times: Float64Array;
  categoryKeys: string[];
}

export type DecodeJob = { kind: 'points'; body: ArrayBuffer } | { kind: 'tracks'; body: ArrayBuffer; dayStart: number };
export type DecodeResult = { kind: 'points'; points: IncidentPoints } | { kind: 'tracks'; tracks: DisplayTrack[] };
