/**
 * `gridatlas notice-boards` end to end on both databases: the tiny district seeded, a
 * community's boards written as one PDF (pages, text, fonts checked with poppler-utils), a
 * grid's board on A3, and bad input refused with exit 2 and no file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';
import { useSeededTarget } from './seeded-target.fixture.js';

const BACKEND_KINDS = ['embedded', 'postgresql'] as const;

describe.each(BACKEND_KINDS)('gridatlas notice-boards on %s', (kind) => {
  const seeded = useSeededTarget(kind, 'boards');

  it('writes one page per grid of a community, with codes, names, roles and boundary streets, fonts embedded', async () => {
    const out = join(seeded.dir, 'west.pdf');
    const code = await main([
      'notice-boards',
      '--region',
      '610198001001',
      '--out',
      out,
      '--base-url',
      'https://ga.example.cn',
      ...seeded.target,
    ]);
    expect(code).toBe(0);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Pages:\s+2\n/);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    for (const s of ['610198001001001', '610198001001002', '西一网格', '西二网格', '信息员', '张伟', '东至西巷', '西至西巷'])
      expect(text).toContain(s);
    expect(text).not.toContain('1985');
    const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((l) => l.trim().split(/\s+/).at(-5) === 'yes')).toBe(true);
  });

  it('writes the boards in English with --lang en, with the district’s stored service hours', async () => {
    const out = join(seeded.dir, 'west-en.pdf');
    expect(await main(['notice-boards', '--region', '610198001001', '--out', out, '--lang', 'en', ...seeded.target])).toBe(0);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    for (const s of [
      'Grid Notice Board',
      'Grid code',
      'Grid service team',
      'Work phone',
      'East: 西巷',
      'Information officer',
      'Mon–Fri 8:30–12:00',
    ])
      expect(text).toContain(s);
    for (const s of ['网格公示牌', '东至', '信息员', '服务时间']) expect(text).not.toContain(s);
    expect(await main(['notice-boards', '--region', '610198001001', '--out', out, '--lang', 'fr', ...seeded.target])).toBe(2);
  });

  it('writes a single grid on A3', async () => {
    const out = join(seeded.dir, 'east.pdf');
    expect(await main(['notice-boards', '--region', '610198001002001', '--out', out, '--size', 'a3', ...seeded.target])).toBe(0);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+84[12](\.\d+)? x 119[01]/);
  });

  it('refuses a bad size or a code that is no community or grid with exit 2, writing nothing', async () => {
    const out = join(seeded.dir, 'bad.pdf');
    expect(await main(['notice-boards', '--region', '610198001001', '--out', out, '--size', 'a5', ...seeded.target])).toBe(2);
    expect(await main(['notice-boards', '--region', '610198001', '--out', out, ...seeded.target])).toBe(2);
    expect(await main(['notice-boards', '--region', '610198001009', '--out', out, ...seeded.target])).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
