import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { osmStreets, readOsmStreets } from './osm-streets.js';
import { parseOsmXml } from './osm-xml.js';

const nodes = Array.from({ length: 9 }, (_, i) => `<node id="${i + 1}" lat="${31.2 + i / 1000}" lon="${121.4 + i / 1000}"/>`).join('');
const way = (id: number, refs: number[], tags: Record<string, string>): string =>
  `<way id="${id}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(tags)
    .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
    .join('')}</way>`;
const xml = `<osm>${nodes}
  ${way(1, [1, 2, 3], { highway: 'residential', name: '南京西路' })}
  ${way(2, [3, 4, 5, 3], { highway: 'tertiary', junction: 'roundabout' })}
  ${way(3, [5, 6], { highway: 'footway' })}
  ${way(4, [6, 7, 8, 6], { highway: 'pedestrian', area: 'yes' })}
  ${way(5, [1, 4, 7, 1], { building: 'yes' })}
  ${way(6, [2, 8], { highway: 'bus_stop' })}
  ${way(7, [1, 99, 2, 3, 98, 4], { highway: 'service', 'name:zh': '支路' })}
  ${way(8, [97, 5, 96], { highway: 'primary' })}
  ${way(9, [8, 9], { railway: 'rail' })}
</osm>`;

describe('osmStreets', () => {
  it('keeps street classes with their tags, splits ways where nodes are missing, and says why every other way went', () => {
    const { streets, report } = osmStreets(parseOsmXml(xml));
    expect(streets.map((s) => [s.properties.id, s.properties.highway, s.properties.part ?? 0, s.geometry.coordinates.length])).toEqual([
      ['1', 'residential', 0, 3],
      ['2', 'tertiary', 0, 4],
      ['7', 'service', 1, 2],
    ]);
    expect(streets[0]!.properties.name).toBe('南京西路');
    expect(streets[0]!.geometry.coordinates[0]).toEqual([121.4, 31.2]);
    expect(streets[2]!.properties.name).toBe('支路');
    expect(streets[1]!.properties.tags.junction).toBe('roundabout');
    expect(report).toMatchObject({
      ways: 9,
      kept: 3,
      lines: 3,
      dropped: { 'not-highway': 2, 'not-street-class': 1, path: 1, area: 1, 'too-few-nodes': 1 },
      missingNodes: { refs: 4, ways: 2, sample: ['7', '8'] },
    });
    expect(report.samples.path).toEqual(['3']);
    // Way 7 keeps the run 2–3; its lone nodes 1 and 4 (between missing ones) make no line.
    expect(report.kept + Object.values(report.dropped).reduce((s, n) => s + n, 0)).toBe(report.ways);
  });

  it('keeps footways, paths and pedestrian streets when asked, never pedestrian areas', () => {
    const { streets, report } = osmStreets(parseOsmXml(xml), { includePaths: true });
    expect(streets.map((s) => s.properties.id)).toContain('3');
    expect(report.dropped.path).toBe(0);
    expect(report.dropped.area).toBe(1);
  });

  it("reads the Shanghai People's Square extract (OSMnx, 796 ways)", () => {
    const path = process.env.GRIDATLAS_REAL_DATA
      ? `${process.env.GRIDATLAS_REAL_DATA}/shanghai-peoples-square-roads.osm`
      : new URL('../../../../shared/data/real/shanghai-peoples-square-roads.osm', import.meta.url);
    const { streets, report } = readOsmStreets(readFileSync(path, 'utf8'));
    expect(report.ways).toBe(796);
    expect(report.kept).toBe(796);
    expect(report.missingNodes.refs).toBe(0);
    expect(streets.filter((s) => s.properties.name?.includes('人民大道')).length).toBeGreaterThan(0);
  });
});
