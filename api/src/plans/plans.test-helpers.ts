/** Shared by the plan tests: PUT through a test client, and grid features from rectangles. */
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
