import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';

type Page = { entries: { id: number; action: string; username: string | null; target: string | null }[]; nextCursor: string | null };

describe.each(BACKENDS)('audit route on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('lists a write and a sensitive read, filters by user and action, pages by cursor', async () => {
    const worker = await ctx.login('worker');
    await worker.get('/api/special-groups/records?purpose=visit-check');
    await worker.post('/api/auth/logout');
    const admin = await ctx.login('admin');
    const mine = await admin.get<Page>('/api/audit?user=worker');
    expect(mine.status).toBe(200);
    expect(mine.body.entries.map((e) => e.action)).toEqual(['auth.logout', 'special_groups.records.read', 'auth.login.success']);
    const reads = await admin.get<Page>('/api/audit?action=special_groups.*');
    expect(reads.body.entries.every((e) => e.action.startsWith('special_groups.'))).toBe(true);
    const p1 = await admin.get<Page>('/api/audit?user=worker&limit=2');
    expect(p1.body.entries).toHaveLength(2);
    const p2 = await admin.get<Page>(`/api/audit?user=worker&limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.entries.map((e) => e.action)).toEqual(['auth.login.success']);
    expect(p2.body.nextCursor).toBeNull();
    const future = await admin.get<Page>('/api/audit?from=2999-01-01T00:00:00Z');
    expect(future.body.entries).toEqual([]);
  });

  it('is 403 for everyone but audit.read holders, and rows cannot be changed', async () => {
    for (const role of ['planner', 'analyst', 'leader', 'worker']) {
      expect((await (await ctx.login(role)).get('/api/audit')).status).toBe(403);
    }
    await expect(ctx.t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(ctx.t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
