import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, openDatabase } from '@gridatlas/api';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './command.js';
import { createUserAddCommand } from './user-add.command.js';

describe('gridatlas user add', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridatlas-user-add-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const out: string[] = [];
  const io = { positionals: [], out: (l: string) => void out.push(l), err: () => undefined };
  const values = {
    username: 'chief',
    role: ['admin'],
    jurisdiction: ['610199'],
    'display-name': '管理员',
    'password-stdin': true,
    'data-dir': dir,
  };

  it('refuses a short password', async () => {
    await expect(createUserAddCommand(async () => 'short\n').run({ ...io, values })).rejects.toThrow(UsageError);
  });

  it('creates a user who can then log in', async () => {
    expect(await createUserAddCommand(async () => 'a-long-enough-password\n').run({ ...io, values })).toBe(0);
    expect(out.join('\n')).toContain('created user "chief"');
    const db = await openDatabase({ dataDir: dir });
    try {
      const res = await createApp({ db }).request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: 'a-long-enough-password' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        user: { username: 'chief', displayName: '管理员', roles: ['admin'], jurisdictions: ['610199'] },
      });
    } finally {
      await db.close();
    }
  });

  it('links the user to a staff member only when the district has them', async () => {
    const cmd = createUserAddCommand(async () => 'a-long-enough-password\n');
    await expect(cmd.run({ ...io, values: { ...values, username: 'w1', staff: '12' } })).rejects.toThrow(
      /--staff is a district code and a staff id/,
    );
    await expect(cmd.run({ ...io, values: { ...values, username: 'w1', staff: '610199:12' } })).rejects.toThrow(
      /district 610199 has no staff member 12/,
    );
  });
});
