import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from './report.fixture.js';
import { reportPptx } from './report-pptx.js';

function slidesOf(bytes: Uint8Array): { files: Record<string, Uint8Array>; slides: string[] } {
  const files = unzipSync(bytes);
  const names = Object.keys(files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  return { files, slides: names.map((n) => strFromU8(files[n]!)) };
}

describe('reportPptx', () => {
  it('writes a 16:9 deck: title slide, section slide with map and figures, chart slide, the table over two slides', async () => {
    const bytes = await reportPptx(fixtureReport());
    const { files, slides } = slidesOf(bytes);
    // title + section + chart + 12 rows of table at 10 a slide
    expect(slides).toHaveLength(5);
    const presentation = strFromU8(files['ppt/presentation.xml']!);
    expect(presentation).toContain('cx="9144000" cy="5143500"');
    expect(slides[0]).toContain('网格化服务管理月报');
    expect(slides[1]).toContain('事件办理');
    expect(slides[1]).toContain('>59<');
    expect(slides[1]).toContain('91.5%');
    expect(slides[1]).toContain('&lt;5');
    expect(slides[1]).toContain('+8（+15.7%）');
    expect(slides[1]).toMatch(/<a:ea typeface="Microsoft YaHei"/);
    expect(slides[1]).toContain('<p:pic>');
    expect(slides[4]).toContain('网格 12');
    expect(slides[3]).not.toContain('网格 11');
    const media = Object.keys(files).filter((n) => n.startsWith('ppt/media/') && !n.endsWith('/'));
    expect(media.length).toBeGreaterThanOrEqual(2);
    for (const m of media) expect(Array.from(files[m]!.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });

  it('refuses an image without its PNG rather than write a deck with a blank', async () => {
    const doc = fixtureReport();
    delete doc.sections[0]!.map!.png;
    await expect(reportPptx(doc)).rejects.toThrow(/no PNG/);
  });
});
