/** Fetchers of `/api/briefings`: every write names the version it edited and answers the whole briefing. */
import type { Briefing, BriefingList, NewBriefing, NewSlide } from '@gridatlas/api/contract';
import { getJson, requestJson } from '../api/api-client';

export const fetchBriefings = (signal?: AbortSignal) => getJson<BriefingList>('/api/briefings', signal).then((r) => r.briefings);

export const fetchBriefing = (id: number, signal?: AbortSignal) => getJson<Briefing>(`/api/briefings/${id}`, signal);

export const createBriefing = (body: NewBriefing) => requestJson<Briefing>('/api/briefings', { method: 'POST', body });

export const updateBriefing = (b: Briefing, change: { title?: string; pinnedAsOf?: string | null }) =>
  requestJson<Briefing>(`/api/briefings/${b.id}`, { method: 'PATCH', body: { version: b.version, ...change } });

export const deleteBriefing = (b: Briefing) =>
  requestJson<{ deleted: number }>(`/api/briefings/${b.id}?version=${b.version}`, { method: 'DELETE' });

export const addSlide = (b: { id: number; version: number }, slide: NewSlide) =>
  requestJson<Briefing>(`/api/briefings/${b.id}/slides`, { method: 'POST', body: { version: b.version, slide } });

export const updateSlide = (b: Briefing, slideId: number, change: { title?: string; note?: string }) =>
  requestJson<Briefing>(`/api/briefings/${b.id}/slides/${slideId}`, { method: 'PATCH', body: { version: b.version, ...change } });

export const moveSlide = (b: Briefing, slideId: number, position: number) =>
  requestJson<Briefing>(`/api/briefings/${b.id}/slides/${slideId}/move`, { method: 'POST', body: { version: b.version, position } });

export const deleteSlide = (b: Briefing, slideId: number) =>
  requestJson<Briefing>(`/api/briefings/${b.id}/slides/${slideId}?version=${b.version}`, { method: 'DELETE' });
