import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { HtmlRenderer } from './html-renderer.js';
import { loadMapLayers, MapRegionNotFound } from './map-layers.sql.js';
import { pageSetup, PRINT_FONT_STACK } from './page-setup.js';
import { pdfFonts, pdfText } from './pdf-tools.fixture.js';
import { renderSvgMap } from './svg-map.js';

describe.each(BACKENDS)('printed maps from PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('a community: its current grids only (no draft), its outline, streets and buildings in its box', async () => {
    const map = await loadMapLayers(t.db, { code: '610198001002' });
    expect(map.kind).toBe('region');
    expect(map.name).toBe('东社区');
    expect(map.layers.grids.map((g) => g.code)).toEqual(['610198001002001']);
    expect(map.layers.outline?.type).toBe('Polygon');
    expect(map.layers.streets.map((s) => s.name).sort()).toEqual(['东巷', '横一路', '纵一路'].sort());
    expect(map.layers.buildings.length).toBeGreaterThan(0);
    expect(map.bbox).toEqual([108.92, 34.2, 108.94, 34.22]);
  });

  it('a grid: itself and its neighbours in a padded box, with values for a choropleth', async () => {
    const map = await loadMapLayers(t.db, { code: '610198001001002', values: new Map([['610198001001001', 7]]) });
    expect(map.kind).toBe('grid');
    expect(map.name).toBe('西二网格');
    expect(map.layers.grids.map((g) => g.code)).toEqual(['610198001001001', '610198001001002', '610198001002001']);
    expect(map.layers.grids.map((g) => g.value)).toEqual([7, null, null]);
    expect(map.bbox[0]).toBeLessThan(108.91);
    expect(map.bbox[2]).toBeGreaterThan(108.92);
  });

  it('leaves buildings out above the limit and says so', async () => {
    const map = await loadMapLayers(t.db, { code: '610198', maxBuildings: 2 });
    expect(map.buildingsOmitted).toBe(true);
    expect(map.layers.buildings).toEqual([]);
    expect(map.layers.grids).toHaveLength(3);
  });

  it('refuses an unknown code', async () => {
    await expect(loadMapLayers(t.db, { code: '610198009' })).rejects.toBeInstanceOf(MapRegionNotFound);
    await expect(loadMapLayers(t.db, { code: '610198001002002' })).rejects.toBeInstanceOf(MapRegionNotFound);
  });
});

describe('a printed map as PDF', () => {
  let t: TestDatabase;
  const renderer = new HtmlRenderer();
  beforeAll(async () => {
    t = await openTestDatabase('embedded');
  });
  afterAll(async () => {
    await renderer.close();
    await t.close();
  });

  it('keeps the map vector: street and grid names are text in the PDF, the font embedded', async () => {
    const map = await loadMapLayers(t.db, { code: '610198001', width: 900, values: new Map([['610198001001001', 12]]) });
    const svg = renderSvgMap(map.layers, { width: 900, height: 700, bbox: map.bbox, choropleth: { title: '事件数' } });
    const pdf = await renderer.pdf(
      `<!doctype html><meta charset="utf-8"><body style="margin:0;font-family:${PRINT_FONT_STACK}"><div style="width:180mm;height:140mm">${svg}</div></body>`,
      pageSetup(),
    );
    const text = pdfText(pdf);
    for (const name of ['横一路', '西一网格', '东一网格', '事件数']) expect(text).toContain(name);
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
  });
});
