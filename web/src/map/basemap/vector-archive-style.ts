/**
 * The style of a vector basemap archive, built from what the archive declares rather than
 * pinned to one tile schema: Protomaps archives of any year (`kind` since v4, `pmap:kind`
 * before), OpenMapTiles-like ones (`class`, `transportation`, `building`) and plain OSM tags
 * (`highway`, `landuse`) are all drawn. Each role (land, water, buildings, roads, rail,
 * boundaries, labels) is looked up among the archive's `vector_layers` by its usual layer
 * names, and classified by the first of the usual attribute names the archive declares.
 * Labels use local fonts (no glyphs URL) and no icons (no sprite), as the offline style.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONTS } from '../offline-style';

/** One entry of a vector archive's `vector_layers` metadata (TileJSON). */
export interface DeclaredVectorLayer {
  id: string;
  fields?: Record<string, string>;
}

interface Role {
  /** Layer names that carry this role in the schemas we know. */
  layers: string[];
  /** Attributes that name a feature's class, most specific schema first. */
  classFields: string[];
}

const ROLES = {
  earth: { layers: ['earth'], classFields: [] },
  land: {
    layers: ['landuse', 'land', 'landcover', 'park', 'natural'],
    classFields: ['kind', 'pmap:kind', 'class', 'subclass', 'landuse', 'leisure', 'natural', 'amenity'],
  },
  water: { layers: ['water', 'waterway', 'physical_line'], classFields: ['kind', 'pmap:kind', 'class', 'waterway', 'natural'] },
  buildings: { layers: ['buildings', 'building'], classFields: [] },
  roads: { layers: ['roads', 'transportation'], classFields: ['kind', 'pmap:kind', 'class', 'highway'] },
  rail: { layers: ['transit', 'roads', 'transportation'], classFields: ['kind', 'pmap:kind', 'class', 'railway'] },
  boundaries: { layers: ['boundaries', 'boundary'], classFields: [] },
  places: { layers: ['places', 'place'], classFields: ['kind', 'pmap:kind', 'class', 'place'] },
  roadNames: { layers: ['roads', 'transportation_name'], classFields: ['kind', 'pmap:kind', 'class', 'highway'] },
} satisfies Record<string, Role>;

/** Feature classes by what they look like; values of every schema we know. */
const LAND_CLASSES: [colour: string, values: string[]][] = [
  [
    '#cfe3c3',
    [
      'park',
      'garden',
      'grass',
      'pitch',
      'playground',
      'golf_course',
      'recreation_ground',
      'village_green',
      'meadow',
      'grassland',
      'nature_reserve',
      'allotments',
      'zoo',
    ],
  ],
  ['#bdd8b0', ['forest', 'wood', 'scrub', 'orchard', 'vineyard']],
  ['#e8e3cf', ['farmland', 'farm', 'farmyard']],
  ['#d9dfd3', ['cemetery', 'grave_yard']],
  ['#f0dcdc', ['hospital', 'clinic']],
  ['#e7e0ee', ['school', 'university', 'college', 'kindergarten']],
  ['#dfe1e6', ['industrial', 'railway', 'aerodrome', 'airport']],
  ['#ebe6da', ['pedestrian', 'beach', 'sand']],
];
const WATER_LINES = ['river', 'stream', 'canal', 'drain', 'ditch', 'waterway'];

/** Road ranks, widest first; values of every schema we know, `other` (Protomaps) is a path. */
const ROAD_RANKS: [rank: string, values: string[]][] = [
  ['highway', ['highway', 'motorway', 'trunk', 'motorway_link', 'trunk_link']],
  ['major', ['major_road', 'primary', 'primary_link']],
  ['medium', ['medium_road', 'secondary', 'tertiary', 'secondary_link', 'tertiary_link']],
  ['minor', ['minor_road', 'minor', 'residential', 'unclassified', 'service', 'street', 'living_street', 'link']],
  ['path', ['path', 'other', 'footway', 'pedestrian', 'cycleway', 'steps', 'track', 'bridleway', 'corridor']],
  ['rail', ['rail', 'railway', 'transit', 'tram', 'subway', 'light_rail']],
];
/** Widths in pixels at zooms 10, 14 and 18; colour; casing. */
const ROAD_LOOK: Record<string, { widths: [number, number, number]; colour: string }> = {
  highway: { widths: [1.6, 6, 26], colour: '#f6d58f' },
  major: { widths: [1.1, 5, 22], colour: '#ffffff' },
  medium: { widths: [0.7, 3.6, 16], colour: '#ffffff' },
  minor: { widths: [0.2, 2, 12], colour: '#ffffff' },
  path: { widths: [0, 0.8, 4], colour: '#f8f6f0' },
};
/** The archive's land (its `earth` layer), a shade lighter than the offline background. */
export const EARTH_COLOUR = '#eeebe4';
const CASING = '#cbc3b3';
const RAIL = '#a59e93';
const LABEL_HALO = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.4, 'text-halo-blur': 0.4 } as const;

type Roles = typeof ROLES;
type RoleName = keyof Roles;

/** The layers present for a role, and the class attributes they declare (all candidates when unknown). */
interface Found {
  layers: string[];
  classFields: string[];
}

/**
 * Which roles the archive has. A role is present when the archive declares one of its layer
 * names; its style layers then read every name of the role, since metadata does not always
 * name the layers its tiles carry (Firenze's declares `land`, its tiles carry `landuse`), and a
 * source layer that is absent just draws nothing. An archive that declares no layers gets all.
 */
function findRoles(declared: DeclaredVectorLayer[] | undefined): Partial<Record<RoleName, Found>> {
  const byId = new Map((declared ?? []).map((l) => [l.id, l.fields ?? {}]));
  const found: Partial<Record<RoleName, Found>> = {};
  for (const [name, role] of Object.entries(ROLES) as [RoleName, Role][]) {
    const present = role.layers.filter((l) => byId.has(l));
    if (byId.size > 0 && present.length === 0) continue;
    const fields = new Set(present.flatMap((l) => Object.keys(byId.get(l)!)));
    const classFields = role.classFields.filter((f) => fields.has(f));
    found[name] = { layers: role.layers, classFields: classFields.length > 0 ? classFields : role.classFields };
  }
  return found;
}

const value = (field: string): ExpressionSpecification => ['coalesce', ['get', field], ''];

/** True when any of the class fields holds one of `values`. */
function isOneOf(fields: string[], values: string[]): ExpressionSpecification {
  const tests = fields.map((f): ExpressionSpecification => ['in', value(f), ['literal', values]]);
  return tests.length === 1 ? tests[0]! : ['any', ...tests];
}

/** The first class whose values a feature carries, else `fallback`. */
function classify(fields: string[], classes: [string, string[]][], fallback: string): ExpressionSpecification {
  return ['case', ...classes.flatMap(([name, values]) => [isOneOf(fields, values), name]), fallback] as ExpressionSpecification;
}

const geometry = (type: 'Polygon' | 'LineString' | 'Point'): FilterSpecification => ['==', ['geometry-type'], type];

/** Label text in the UI language, falling back to the local name. */
function labelText(locale: 'zh' | 'en'): ExpressionSpecification {
  const names = locale === 'zh' ? ['name:zh-Hans', 'name:zh', 'name_zh', 'name'] : ['name:en', 'name_en', 'name'];
  return ['coalesce', ...names.map((n): ExpressionSpecification => ['get', n])] as ExpressionSpecification;
}

/** Width by zoom for each road rank, from ROAD_LOOK, plus `extra` pixels (the casing). */
function roadWidth(rank: ExpressionSpecification, extra: number): ExpressionSpecification {
  const stops = [10, 14, 18].flatMap((zoom, i) => [
    zoom,
    ['match', rank, ...Object.entries(ROAD_LOOK).flatMap(([r, look]) => [r, look.widths[i]! + (look.widths[i]! > 0 ? extra : 0)]), 0],
  ]);
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops] as ExpressionSpecification;
}

/**
 * MapLibre layers drawing a vector archive from source `source`; every layer id starts with
 * the source's id.
 *
 * @param declared the archive's `vector_layers` (undefined: not declared, every role drawn)
 * @param locale labels in Chinese (`name:zh`…) or English (`name:en`…), else the local name
 */
export function vectorArchiveLayers(
  source: string,
  declared: DeclaredVectorLayer[] | undefined,
  locale: 'zh' | 'en',
): LayerSpecification[] {
  const roles = findRoles(declared);
  const out: LayerSpecification[] = [];
  /** One style layer per source layer of the role, when the archive has it. */
  const each = (role: RoleName, make: (found: Found) => { key: string } & Record<string, unknown>) => {
    const found = roles[role];
    if (!found) return;
    for (const sourceLayer of found.layers) {
      const { key, ...layer } = make(found);
      out.push({ ...layer, id: `${source}-${key}-${sourceLayer}`, source, 'source-layer': sourceLayer } as LayerSpecification);
    }
  };

  each('earth', () => ({ key: 'earth', type: 'fill', filter: geometry('Polygon'), paint: { 'fill-color': EARTH_COLOUR } }));
  each('land', (f) => ({
    key: 'land',
    type: 'fill',
    filter: [
      'all',
      geometry('Polygon'),
      isOneOf(
        f.classFields,
        LAND_CLASSES.flatMap(([, v]) => v),
      ),
    ],
    paint: { 'fill-color': classify(f.classFields, LAND_CLASSES, EARTH_COLOUR) },
  }));
  each('water', () => ({ key: 'water', type: 'fill', filter: geometry('Polygon'), paint: { 'fill-color': '#a8cce4' } }));
  each('water', (f) => ({
    key: 'waterway',
    type: 'line',
    minzoom: 11,
    filter: ['all', geometry('LineString'), isOneOf(f.classFields, WATER_LINES)],
    paint: { 'line-color': '#a8cce4', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 16, 3] },
  }));
  each('buildings', () => ({
    key: 'buildings',
    type: 'fill',
    minzoom: 13,
    filter: geometry('Polygon'),
    paint: {
      'fill-color': '#dcd6ca',
      'fill-outline-color': '#c6bdae',
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.4, 15, 1],
    },
  }));
  each('rail', (f) => ({
    key: 'rail',
    type: 'line',
    minzoom: 11,
    filter: ['all', geometry('LineString'), isOneOf(f.classFields, ROAD_RANKS.find(([r]) => r === 'rail')![1])],
    paint: { 'line-color': RAIL, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 16, 2], 'line-dasharray': [3, 2] },
  }));
  const roadLayers = (
    key: string,
    extra: number,
    colour: (rank: ExpressionSpecification) => ExpressionSpecification | string,
    minzoom: number,
  ) =>
    each('roads', (f) => {
      const rank = classify(f.classFields, ROAD_RANKS, 'none');
      return {
        key,
        type: 'line',
        minzoom,
        filter: ['all', geometry('LineString'), ['in', rank, ['literal', Object.keys(ROAD_LOOK)]]],
        layout: {
          'line-cap': 'round',
          'line-join': 'round',
          'line-sort-key': ['match', rank, 'highway', 4, 'major', 3, 'medium', 2, 'minor', 1, 0],
        },
        paint: { 'line-color': colour(rank), 'line-width': roadWidth(rank, extra) },
      };
    });
  roadLayers('road-casing', 1.5, () => CASING, 12);
  roadLayers(
    'road',
    0,
    (rank) => ['match', rank, ...Object.entries(ROAD_LOOK).flatMap(([r, l]) => [r, l.colour]), '#ffffff'] as ExpressionSpecification,
    5,
  );
  each('boundaries', () => ({
    key: 'boundaries',
    type: 'line',
    filter: geometry('LineString'),
    paint: { 'line-color': '#a393b8', 'line-width': 1, 'line-dasharray': [4, 2] },
  }));
  each('roadNames', (f) => ({
    key: 'road-names',
    type: 'symbol',
    minzoom: 14,
    filter: [
      'all',
      geometry('LineString'),
      ['has', 'name'],
      isOneOf(
        f.classFields,
        ROAD_RANKS.filter(([r]) => r !== 'path' && r !== 'rail').flatMap(([, v]) => v),
      ),
    ],
    layout: {
      'symbol-placement': 'line',
      'text-field': labelText(locale),
      'text-font': LABEL_FONTS,
      'text-size': 11,
      'text-max-angle': 30,
    },
    paint: { 'text-color': '#6b6459', ...LABEL_HALO },
  }));
  each('places', (f) => {
    const big = isOneOf(f.classFields, ['city', 'locality', 'town', 'country', 'region', 'state']);
    return {
      key: 'places',
      type: 'symbol',
      filter: ['all', geometry('Point'), ['has', 'name']],
      layout: { 'text-field': labelText(locale), 'text-font': LABEL_FONTS, 'text-size': ['case', big, 16, 12], 'text-max-width': 8 },
      paint: { 'text-color': ['case', big, '#3d3650', '#6b6459'], ...LABEL_HALO },
    };
  });
  return out;
}
