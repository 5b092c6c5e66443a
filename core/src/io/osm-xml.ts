/**
 * OpenStreetMap XML (`.osm`, as JOSM, Overpass, osmium or OSMnx write it) read into plain
 * nodes and ways. Only what street lines need is kept: node positions and ways with their
 * node references and tags; relations are counted, not read. Positions are WGS84
 * `[lng, lat]` degrees, as OSM stores them. Ids stay strings (OSM ids pass 2^53 in places).
 * The XML is checked first, so a broken file is refused with its line and column.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface OsmWay {
  id: string;
  /** Node references in the way's order; a closed way repeats its first node last. */
  nodes: string[];
  tags: Record<string, string>;
}

export interface OsmData {
  /** `[lng, lat]` degrees of every node with a valid position, by node id. */
  nodes: Map<string, [number, number]>;
  ways: OsmWay[];
  /** Relations in the file (not read). */
  relations: number;
  /** Nodes without a usable `lon`/`lat` (left out of `nodes`). */
  badNodes: number;
}

/** A file that is not OSM XML, with where it went wrong. */
export class OsmXmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'OsmXmlError';
  }
}

interface RawTag {
  k?: string;
  v?: string;
}
interface RawElement {
  id?: string;
  lon?: string;
  lat?: string;
  tag?: RawTag[];
  nd?: { ref?: string }[];
}

const LISTS = new Set(['node', 'way', 'relation', 'tag', 'nd', 'member']);

function tagsOf(raw: RawElement): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of raw.tag ?? []) if (typeof t.k === 'string') tags[t.k] = String(t.v ?? '');
  return tags;
}

/**
 * Parses OSM XML text. Throws `OsmXmlError` when the text is not well-formed XML or its
 * root element is not `<osm>`.
 *
 * @example
 * const data = parseOsmXml(readFileSync('area.osm', 'utf8'));
 * data.ways.length; data.nodes.get('62906030') // [121.4668624, 31.2205022]
 */
export function parseOsmXml(xml: string): OsmData {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new OsmXmlError(`not well-formed XML at line ${line}, column ${col}: ${msg}`, line, col);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => LISTS.has(name),
  });
  const doc = parser.parse(xml) as { osm?: { node?: RawElement[]; way?: RawElement[]; relation?: unknown[] } | '' };
  if (doc.osm === undefined) {
    const root = Object.keys(doc)[0];
    throw new OsmXmlError(`not OSM XML: the root element is <${root ?? 'nothing'}>, expected <osm>`);
  }
  const osm = doc.osm === '' ? {} : doc.osm;
  const nodes = new Map<string, [number, number]>();
  let badNodes = 0;
  for (const n of osm.node ?? []) {
    const lng = Number(n.lon);
    const lat = Number(n.lat);
    if (
      n.id === undefined ||
      n.lon === undefined ||
      n.lat === undefined ||
      !Number.isFinite(lng) ||
      !Number.isFinite(lat) ||
      Math.abs(lng) > 180 ||
      Math.abs(lat) > 90
    ) {
      badNodes++;
      continue;
    }
    nodes.set(String(n.id), [lng, lat]);
  }
  const ways: OsmWay[] = (osm.way ?? []).map((w) => ({
    id: String(w.id ?? ''),
    nodes: (w.nd ?? []).flatMap((nd) => (nd.ref === undefined ? [] : [String(nd.ref)])),
    tags: tagsOf(w),
  }));
  return { nodes, ways, relations: (osm.relation ?? []).length, badNodes };
}
