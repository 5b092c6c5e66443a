/**
 * Fetches on the main thread through the API client (abortable, one cookie jar, the one error
 * path: a 401 returns to login) and hands the raw bytes to the decode worker, which parses
 * them and transfers typed arrays back.
 */
import { getBytes } from '../api/api-client';
import { createWorkerClient } from '../worker/worker-client';
import type { IncidentPoints } from './decode.protocol';
import type { DisplayTrack } from './decode-points';
import type { DecodeJob, DecodeResult } from './decode.protocol';

// Decoding is short and synchronous: a cancelled call's answer is dropped, the worker stays.
const decoder = createWorkerClient<DecodeJob, DecodeResult>(
  () => new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'gridatlas-decode' }),
  { cancel: 'ignore', name: 'decode' },
);

export async function fetchIncidentPoints(path: string, signal: AbortSignal): Promise<IncidentPoints> {
  const body = await getBytes(path, signal);
  const result = await decoder.call({ kind: 'points', body }, { transfer: [body], signal });
  if (result.kind !== 'points') throw new Error('unexpected decode result');
  return result.points;
}

/** Tracks of one day with timestamps in seconds since `dayStart` (epoch seconds). */
export async function fetchTracks(path: string, dayStart: number, signal: AbortSignal): Promise<DisplayTrack[]> {
  const body = await getBytes(path, signal);
  const result = await decoder.call({ kind: 'tracks', body, dayStart }, { transfer: [body], signal });
  if (result.kind !== 'tracks') throw new Error('unexpected decode result');
  return result.tracks;
}
