import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { FAST_HASH, TEST_PASSWORD, useTestApp } from '../test/test-app.js';
import { createUser } from '../users/create-user.js';
import { tinyDistrict } from '../test/tiny-district.fixture.js';

interface FC {
  type: string;
  features: { type: string; id: number; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[];
}

describe.each(BACKENDS)('base layers on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('subdistricts: boundaries with totals', async () => {
    const { status, body, headers } = await ctx.get<FC>('/api/layers/subdistricts');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(1);
    expect(body.features[0]).toMatchObject({
      type: 'Feature',
      id: 610198001,
      geometry: { type: 'Polygon' },
      properties: { code: '610198001', name: '测试街道', level: 'subdistrict', parentCode: '610198', households: 840, persons: 2690 },
    });
  });

  it('communities: all by default, one when scoped to it', async () => {
    const all = await ctx.get<FC>('/api/layers/communities');
    expect(all.body.features.map((f) => f.properties.code)).toEqual(['610198001001', '610198001002']);
    const east = await ctx.get<FC>('/api/layers/communities?region=610198001002');
    expect(east.body.features.map((f) => f.id)).toEqual([610198001002]);
    expect(east.body.features[0]?.properties).toMatchObject({ households: 460, persons: 1630 });
  });

  it('streets: those crossing the region, with name and class', async () => {
    const west = await ctx.get<FC>('/api/layers/streets?region=610198001001');
    expect(west.body.features.map((f) => f.id)).toEqual([1, 2, 3]);
    const east = await ctx.get<FC>('/api/layers/streets?region=610198001002');
    expect(east.body.features.map((f) => f.id)).toEqual([1, 2, 4]);
    expect(east.body.features[2]).toEqual({
      type: 'Feature',
      id: 4,
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.935, 34.2],
          [108.935, 34.205],
        ],
      },
      properties: { name: '东巷', class: 'lane' },
    });
  });

  it("streets: a city-level user (a 4-digit jurisdiction, which is no region) sees the district's streets", async () => {
    await createUser(
      ctx.t.db,
      { username: 'city-planner', password: TEST_PASSWORD, roles: ['planner'], jurisdictions: ['6101'] },
      { hashParams: FAST_HASH },
    );
    const city = await ctx.login('city-planner');
    const theirs = await city.get<FC>('/api/layers/streets?region=610198');
    const district = await ctx.get<FC>('/api/layers/streets?region=610198');
    expect(district.body.features.length).toBeGreaterThan(0);
    expect(theirs.body.features.map((f) => f.id)).toEqual(district.body.features.map((f) => f.id));
    // A community's user still sees only the streets crossing it.
    const west = await (await ctx.login('planner-west')).get<FC>('/api/layers/streets?region=610198');
    expect(west.body.features.map((f) => f.id)).toEqual([1, 2, 3]);
  });

  it('compounds and buildings: scoped by community', async () => {
    const compounds = await ctx.get<FC>('/api/layers/compounds?region=610198001001');
    expect(compounds.body.features).toEqual([
      expect.objectContaining({ id: 1, properties: { name: '西苑小区', kind: 'residential', communityCode: '610198001001' } }),
    ]);
    const buildings = await ctx.get<FC>('/api/layers/buildings');
    expect(buildings.body.features).toHaveLength(tinyDistrict.buildings.length);
    expect(buildings.body.features[2]?.properties).toEqual({
      name: '3号楼',
      compoundId: null,
      communityCode: '610198001001',
      floors: 4,
      units: 2,
      households: 60,
      persons: 150,
    });
  });

  it('rounds coordinates to 6 decimals', async () => {
    const { body } = await ctx.get<FC>('/api/layers/buildings?region=610198001001');
    const ring = (body.features[0]?.geometry.coordinates as number[][][])[0] ?? [];
    for (const [lng, lat] of ring) {
      expect(Math.round((lng ?? 0) * 1e6) / 1e6).toBe(lng);
      expect(Math.round((lat ?? 0) * 1e6) / 1e6).toBe(lat);
    }
  });

  it.each(['streets', 'compounds', 'buildings', 'communities'])('%s: a malformed region is a 400 naming it', async (layer) => {
    const { status, body } = await ctx.get<{ error: { code: string; message: string } }>(`/api/layers/${layer}?region=61019`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(
      /query parameter "region": expected a region code of 6 \(district\), 9 \(subdistrict\) or 12 \(community\) digits.*\(got "61019"\)/,
    );
  });

  it('an unknown region is a 404', async () => {
    const { status, body } = await ctx.get<{ error: { code: string; message: string } }>('/api/layers/buildings?region=610198009');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'not_found', message: 'no region with code 610198009' });
  });
});
