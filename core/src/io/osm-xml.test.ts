import { describe, expect, it } from 'vitest';
import { OsmXmlError, parseOsmXml } from './osm-xml.js';

describe('parseOsmXml', () => {
  it('reads nodes, ways with their node references and tags, entities decoded, and counts relations', () => {
    const data = parseOsmXml(`<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="test">
  <bounds minlat="31.2" minlon="121.4" maxlat="31.3" maxlon="121.5"/>
  <node id="1" lat="31.22" lon="121.46"/>
  <node id="2" lat="31.23" lon="121.47"><tag k="highway" v="traffic_signals"/></node>
  <node id="3" lat="not a number" lon="121.47"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="人民大道 &amp; 西藏路"/></way>
  <!-- a comment -->
  <relation id="20"><member type="way" ref="10" role="outer"/><tag k="type" v="multipolygon"/></relation>
</osm>`);
    expect(data.nodes.get('1')).toEqual([121.46, 31.22]);
    expect(data.nodes.size).toBe(2);
    expect(data.badNodes).toBe(1);
    expect(data.ways).toEqual([{ id: '10', nodes: ['1', '2'], tags: { highway: 'primary', name: '人民大道 & 西藏路' } }]);
    expect(data.relations).toBe(1);
  });

  it('keeps ids beyond 2^53 as written', () => {
    const data = parseOsmXml(
      '<osm><node id="12345678901234567890" lat="1" lon="2"/><way id="98765432109876543210"><nd ref="12345678901234567890"/></way></osm>',
    );
    expect([...data.nodes.keys()]).toEqual(['12345678901234567890']);
    expect(data.ways[0]!.id).toBe('98765432109876543210');
  });

  it('refuses broken XML with its line and column, and XML that is not OSM', () => {
    let error: unknown;
    try {
      parseOsmXml('<osm>\n<node id="1" lat="1" lon="2">\n</osm>');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OsmXmlError);
    expect((error as OsmXmlError).line).toBe(3);
    expect((error as Error).message).toMatch(/line 3/);
    expect(() => parseOsmXml('<gpx><trk/></gpx>')).toThrow(/root element is <gpx>/);
    expect(() => parseOsmXml('{"type": "FeatureCollection"}')).toThrow(OsmXmlError);
  });

  it('reads an empty extract', () => {
    expect(parseOsmXml('<osm version="0.6"></osm>')).toEqual({ nodes: new Map(), ways: [], relations: 0, badNodes: 0 });
  });
});
