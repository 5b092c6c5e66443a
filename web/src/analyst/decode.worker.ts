/// <reference lib="webworker" />
/** Parses the large analytics responses (raw bytes in) into typed arrays (transferred back) off the main thread. */
import { serveWorker } from '../worker/worker-serve';
import type { IncidentPointsResponse, PatrolTracks } from '@gridatlas/api/contract';
import { decodePoints, decodeTracks } from './decode-points';
import type { DecodeJob, DecodeResult } from './decode.protocol';

const text = new TextDecoder();

serveWorker<DecodeJob, DecodeResult>(self as unknown as DedicatedWorkerGlobalScope, (job) => {
  const body: unknown = JSON.parse(text.decode(job.body));
  if (job.kind === 'points') {
    const points = decodePoints(body as IncidentPointsResponse);
    return { result: { kind: 'points', points }, transfer: [points.positions.buffer, points.categories.buffer, points.times.buffer] };
  }
  return { result: { kind: 'tracks', tracks: decodeTracks(body as PatrolTracks, job.dayStart) } };
});
