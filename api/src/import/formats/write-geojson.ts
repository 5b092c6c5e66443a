/**
 * RFC 7946 GeoJSON: a FeatureCollection in WGS84 `[lng, lat]`, shells counter-clockwise and
 * holes clockwise, positions to 8 decimals (about 1 mm) so a round trip stays within 1 cm.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

const DECIMALS = 1e8;
const round = (p: Position): Position => [Math.round(p[0]! * DECIMALS) / DECIMALS, Math.round(p[1]! * DECIMALS) / DECIMALS];

function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

/** Shells counter-clockwise (positive area), holes clockwise. */
function rewound(rings: Position[][]): Position[][] {
  return rings.map((r, i) => {
    const ring = r.map(round);
    return signedArea2(ring) > 0 === (i === 0) ? ring : ring.reverse();
  });
}

function rfc7946(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(round) };
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(round)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: rewound(g.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map(rewound) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(rfc7946) };
  }
}

/** UTF-8 bytes of the collection. */
export function writeGeojson(features: Feature<Geometry | null>[]): Uint8Array {
  const collection: FeatureCollection<Geometry | null> = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      ...(f.id !== undefined ? { id: f.id } : {}),
      properties: f.properties ?? {},
      geometry: f.geometry ? rfc7946(f.geometry) : null,
    })),
  };
  return new TextEncoder().encode(JSON.stringify(collection));
}
