import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { formFile, readMultipart } from './multipart.js';

function app(): Hono {
  const a = new Hono();
  a.onError((err, c) =>
    err instanceof HttpError ? c.json({ message: err.message }, err.status as 400) : c.json({ message: 'internal' }, 500),
  );
  a.post('/', async (c) => {
    const f = formFile(await readMultipart(c));
    return c.json({ name: f.name, size: f.size });
  });
  return a;
}

describe('readMultipart', () => {
  it('reads the file field of a well-formed form', async () => {
    const form = new FormData();
    form.append('file', new File(['abc'], 'a.geojson'));
    const r = await app().request('/', { method: 'POST', body: form });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ name: 'a.geojson', size: 3 });
  });

  it('refuses a body that is not the form its content type announces with 400', async () => {
    const r = await app().request('/', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '{}' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/multipart\/form-data/);
  });

  it('refuses a form without a file field with 400 naming the field', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const r = await app().request('/', { method: 'POST', body: form });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/"file"/);
  });
});
