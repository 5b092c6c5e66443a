/// <reference lib="webworker" />
/** Parses the large analytics responses (raw bytes in) into typed arrays (transferred back) off the main thread. */
import type { IncidentPointsResponse, PatrolTracks } from '@gridatlas/api/contract';
import { decodePoints, decodeTracks } from './decode-points';
import type { DecodeRequest, DecodeResponse } from './decode.protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const text = new TextDecoder();

scope.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const { id, job } = event.data;
  try {
    const body: unknown = JSON.parse(text.decode(job.body));
    if (job.kind === 'points') {
      const points = decodePoints(body as IncidentPointsResponse);
      const message: DecodeResponse = { id, ok: true, result: { kind: 'points', points } };
      scope.postMessage(message, [points.positions.buffer, points.categories.buffer, points.times.buffer]);
    } else {
      const message: DecodeResponse = { id, ok: true, result: { kind: 'tracks', tracks: decodeTracks(body as PatrolTracks, job.dayStart) } };
      scope.postMessage(message);
    }
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies DecodeResponse);
  }
};
