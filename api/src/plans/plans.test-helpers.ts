/** Shared by the plan tests: PUT through a test client, grid features from rectangles, a plan taken to approval. */
import { expect } from 'vitest';
import type { Client } from '../test/test-app.js';
import { rect } from '../test/tiny-district.fixture.js';

export async function put<T = unknown>(client: Client, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await client.request(path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export function gridFeature(
  box: [number, number, number, number],
  props: { code?: string; name?: string; communityCode: string; zoneCode?: string | null; type?: 'comprehensive' | 'dedicated' },
): { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> } {
  return {
    type: 'Feature',
    geometry: rect(...box),
    properties: { name: props.name ?? '网格', type: props.type ?? 'comprehensive', ...props },
  };
}

export const collection = (features: unknown[]): { type: 'FeatureCollection'; features: unknown[] } => ({
  type: 'FeatureCollection',
  features,
});

/**
 * A draft of `regionCode` with `grids`, saved, submitted by `planner` and approved by `leader`
 * (each step must succeed); the codes the approval gave, by the provisional code sent.
 */
export async function approvePlan(
  planner: Client,
  leader: Client,
  regionCode: string,
  name: string,
  grids: unknown[],
): Promise<Record<string, string>> {
  const draft = await planner.post<{ id: number }>('/api/plans', { regionCode, name });
  const saved = await put<{ plan: { version: number } }>(planner, `/api/plans/${draft.body.id}/grids`, {
    version: 1,
    grids: collection(grids),
  });
  expect(saved.status).toBe(200);
  expect((await planner.post(`/api/plans/${draft.body.id}/submit`, { version: saved.body.plan.version })).status).toBe(200);
  const approved = await leader.post<{ codes: Record<string, string> }>(`/api/plans/${draft.body.id}/approve`, {
    version: saved.body.plan.version + 1,
  });
  expect(approved.status).toBe(200);
  return approved.body.codes;
}
