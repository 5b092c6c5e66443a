/** Messages between the analyst view and its decode worker. */
import type { IncidentPoints } from './analytics.types';
import type { DisplayTrack } from './decode-points';

export type DecodeJob = { kind: 'points'; body: ArrayBuffer } | { kind: 'tracks'; body: ArrayBuffer; dayStart: number };
export type DecodeResult = { kind: 'points'; points: IncidentPoints } | { kind: 'tracks'; tracks: DisplayTrack[] };

export type DecodeRequest = { id: number; job: DecodeJob };
export type DecodeResponse = { id: number; ok: true; result: DecodeResult } | { id: number; ok: false; message: string };
