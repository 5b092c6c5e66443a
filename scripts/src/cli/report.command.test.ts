/**
 * `gridatlas report` on both databases: the tiny fixture district seeded, its March 2025
 * report written as PDF (checked with poppler: pages, text, page numbers, embedded CJK font)
 * and as PPTX (a zip of XML: slide count and titles); bad options exit 2, an unknown region 1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_DISTRICT_CODE } from '@gridatlas/api/testing';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from './gridatlas.js';
import { useSeededTarget } from './seeded-target.fixture.js';

describe.each(['embedded', 'postgresql'] as const)('gridatlas report on %s', (kind) => {
  const seeded = useSeededTarget(kind, 'report');

  it('writes the monthly report as PDF and PPTX', async () => {
    const pdf = join(seeded.dir, 'report.pdf');
    const base = ['report', '--region', TINY_DISTRICT_CODE, '--period', '2025-03', ...seeded.target];
    expect(await main([...base, '--format', 'pdf', '--out', pdf])).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('测试区网格化服务管理月报');
    expect(text).toContain('2025年3月');
    expect(text).toMatch(new RegExp(`第\\s*${pages}\\s*页\\s*/\\s*共\\s*${pages}\\s*页`));
    // Without --special-groups the section is absent, not zero.
    expect(text).not.toContain('重点人群走访');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/WenQuanYi.*yes\s+yes/);

    const pptx = join(seeded.dir, 'report.pptx');
    expect(await main([...base, '--format', 'pptx', '--lang', 'en', '--special-groups', '--out', pptx])).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(pptx)));
    const slides = Object.keys(files)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .map((n) => strFromU8(files[n]!));
    expect(slides.length).toBeGreaterThanOrEqual(7);
    const all = slides.join('\n');
    for (const title of ['1. Overview', '4. Incidents', '6. Special groups: visits']) expect(all).toContain(title);
  }, 240_000);

  it('refuses bad options (exit 2) and an unknown region (exit 1)', async () => {
    const out = join(seeded.dir, 'x.pdf');
    expect(
      await main(['report', '--region', TINY_DISTRICT_CODE, '--period', '2025-3', '--format', 'pdf', '--out', out, ...seeded.target]),
    ).toBe(2);
    expect(
      await main(['report', '--region', TINY_DISTRICT_CODE, '--period', '2025-03', '--format', 'doc', '--out', out, ...seeded.target]),
    ).toBe(2);
    expect(await main(['report', '--period', '2025-03', '--format', 'pdf', '--out', out, ...seeded.target])).toBe(2);
    expect(await main(['report', '--region', '610198009', '--period', '2025-03', '--format', 'pdf', '--out', out, ...seeded.target])).toBe(
      1,
    );
  }, 120_000);
});
