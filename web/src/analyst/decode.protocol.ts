/** The jobs and results of the analyst's decode worker (the envelope is ../worker/worker-protocol.ts). */
import type { IncidentPoints } from './analytics.types';
import type { DisplayTrack } from './decode-points';

export type DecodeJob = { kind: 'points'; body: ArrayBuffer } | { kind: 'tracks'; body: ArrayBuffer; dayStart: number };
export type DecodeResult = { kind: 'points'; points: IncidentPoints } | { kind: 'tracks'; tracks: DisplayTrack[] };
