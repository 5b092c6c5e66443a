import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';

interface Profile {
  id: number;
  name: string;
  active: boolean;
  maxHouseholds: number;
  combine: string;
  sliverM2: number;
}
interface ErrorReply {
  error: { code: string; message: string };
}

const body = {
  districtCode: '610198',
  name: '试点：200户',
  maxHouseholds: 200,
  maxPersons: 700,
  combine: 'all',
  underFillRatio: 0.3,
  minGridsPerZone: 2,
  maxGridsPerZone: 4,
};

describe.each(BACKENDS)('rule profiles on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('adds a profile, activates it, and the plan rules and map use it', async () => {
    const admin = await ctx.login('admin');
    const created = await admin.post<Profile>('/api/rule-profiles', { ...body, activate: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '试点：200户', active: true, maxHouseholds: 200, combine: 'all', sliverM2: 1 });
    const meta = await ctx.get<{ ruleProfile: { maxHouseholds: number; combine: string } }>('/api/meta');
    expect(meta.body.ruleProfile).toMatchObject({ maxHouseholds: 200, combine: 'all' });
    const list = await ctx.get<{ profiles: Profile[] }>('/api/rule-profiles');
    expect(list.body.profiles.filter((p) => p.active).map((p) => p.id)).toEqual([created.body.id]);
    const first = list.body.profiles.find((p) => p.id !== created.body.id)!;
    const back = await admin.post<Profile>(`/api/rule-profiles/${first.id}/activate`);
    expect(back.body.active).toBe(true);
    expect((await ctx.get<{ ruleProfile: { maxHouseholds: number } }>('/api/meta')).body.ruleProfile.maxHouseholds).toBe(
      first.maxHouseholds,
    );
  });

  it('refuses bad profiles with a clear message, and editing by a planner or a community admin', async () => {
    const admin = await ctx.login('admin');
    const bad = await admin.post<ErrorReply>('/api/rule-profiles', { ...body, minGridsPerZone: 5, maxGridsPerZone: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/maxGridsPerZone must be at least minGridsPerZone/);
    expect((await admin.post<ErrorReply>('/api/rule-profiles', { ...body, maxHouseholds: 0 })).status).toBe(400);
    expect((await admin.post<ErrorReply>('/api/rule-profiles', { ...body, districtCode: '610197' })).status).toBe(403);
    expect((await (await ctx.login('planner')).post('/api/rule-profiles', body)).status).toBe(403);
    expect((await (await ctx.login('admin-west')).post('/api/rule-profiles', body)).status).toBe(403);
    expect((await admin.post('/api/rule-profiles/999999/activate')).status).toBe(404);
  });
});
