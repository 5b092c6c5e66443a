/**
 * Fetches on the main thread (abortable, one cookie jar) and hands the raw bytes to the
 * decode worker, which parses them and transfers typed arrays back.
 */
import { ApiError } from '../api/api-client';
import type { IncidentPoints } from './decode.protocol';
import type { DisplayTrack } from './decode-points';
import type { DecodeJob, DecodeResponse, DecodeResult } from './decode.protocol';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(r: DecodeResult): void; reject(e: Error): void }>();

function decodeWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'gridatlas-decode' });
  created.onmessage = (event: MessageEvent<DecodeResponse>) => {
    const job = pending.get(event.data.id);
    if (!job) return;
    pending.delete(event.data.id);
    if (event.data.ok) job.resolve(event.data.result);
    else job.reject(new Error(event.data.message));
  };
  created.onerror = (event) => {
    event.preventDefault();
    for (const job of pending.values()) job.reject(new Error(event.message || 'the decode worker failed'));
    pending.clear();
  };
  worker = created;
  return created;
}

function decode(job: DecodeJob): Promise<DecodeResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    decodeWorker().postMessage({ id, job }, [job.body]);
  });
}

async function fetchBytes(path: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(response.status, parsed?.error?.message ?? `${response.status} ${response.statusText} (${path})`);
  }
  return response.arrayBuffer();
}

export async function fetchIncidentPoints(path: string, signal: AbortSignal): Promise<IncidentPoints> {
  const result = await decode({ kind: 'points', body: await fetchBytes(path, signal) });
  if (result.kind !== 'points') throw new Error('unexpected decode result');
  return result.points;
}

/** Tracks of one day with timestamps in seconds since `dayStart` (epoch seconds). */
export async function fetchTracks(path: string, dayStart: number, signal: AbortSignal): Promise<DisplayTrack[]> {
  const result = await decode({ kind: 'tracks', body: await fetchBytes(path, signal), dayStart });
  if (result.kind !== 'tracks') throw new Error('unexpected decode result');
  return result.tracks;
}
