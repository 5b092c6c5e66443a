import { gridLoad } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { expectedGridCounts } from '../test/expected-grid-counts.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { tinyDistrict } from '../test/tiny-district.fixture.js';

interface GridFeature {
  id: number;
  geometry: { type: string };
  properties: {
    code: string;
    households: number;
    persons: number;
    buildings: number;
    load: number;
    status: string;
    zoneCode: string | null;
    type: string;
  };
}

describe.each(BACKENDS)('grids layer on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('counts households, persons and buildings per current grid as an independent JS count does', async () => {
    const { status, body } = await ctx.get<{ features: GridFeature[] }>('/api/layers/grids');
    expect(status).toBe(200);
    const expected = expectedGridCounts(tinyDistrict, 1);
    expect(body.features.map((f) => f.properties.code)).toEqual([...expected.keys()]);
    for (const f of body.features) {
      const { households, persons, buildings } = f.properties;
      expect({ households, persons, buildings }).toEqual(expected.get(f.properties.code));
      expect(f.id).toBe(Number(f.properties.code));
      expect(f.geometry.type).toBe('Polygon');
    }
  });

  it('rates each grid with gridLoad and the active profile: ok, under, over', async () => {
    const { body } = await ctx.get<{ features: GridFeature[] }>('/api/layers/grids?plan=current');
    expect(body.features.map((f) => [f.properties.code, f.properties.status])).toEqual([
      ['610198001001001', 'ok'],
      ['610198001001002', 'under'],
      ['610198001002001', 'over'],
    ]);
    for (const f of body.features) {
      expect(f.properties.load).toBeCloseTo(gridLoad(f.properties).load, 3);
    }
  });

  it('scopes to a region and reads a draft plan by id', async () => {
    const west = await ctx.get<{ features: GridFeature[] }>('/api/layers/grids?region=610198001001');
    expect(west.body.features.map((f) => f.properties.code)).toEqual(['610198001001001', '610198001001002']);
    const draft = await ctx.get<{ features: GridFeature[] }>('/api/layers/grids?plan=2');
    const expected = expectedGridCounts(tinyDistrict, 2);
    expect(draft.body.features.map((f) => [f.properties.code, f.properties.households])).toEqual(
      [...expected].map(([code, c]) => [code, c.households]),
    );
  });

  it('rejects a malformed plan and 404s an unknown one', async () => {
    const bad = await ctx.get<{ error: { message: string } }>('/api/layers/grids?plan=latest');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/query parameter "plan": expected "current" or a plan id/);
    const missing = await ctx.get<{ error: { code: string; message: string } }>('/api/layers/grids?plan=99');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'no plan with id 99 in district 610198' });
  });
});
