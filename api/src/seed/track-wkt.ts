/**
 * WKT of a patrol track as a LineStringM: `LINESTRING M (lng lat t, …)`, degrees WGS84 and
 * epoch seconds, from the flat `[lng, lat, t, …]` array the generator and GPS imports give.
 * A single fix is repeated so the line stays valid.
 *
 * @example
 * trackWkt(new Float64Array([108.9, 34.2, 1700000000, 108.91, 34.2, 1700000060]))
 * // 'LINESTRING M (108.9 34.2 1700000000,108.91 34.2 1700000060)'
 */
export function trackWkt(points: Float64Array): string {
  const n = Math.floor(points.length / 3);
  if (n === 0) throw new Error('a patrol track needs at least one point');
  const coords: string[] = [];
  for (let i = 0; i < n; i++) coords.push(`${points[i * 3]} ${points[i * 3 + 1]} ${points[i * 3 + 2]}`);
  if (n === 1) coords.push(coords[0] ?? '');
  return `LINESTRING M (${coords.join(',')})`;
}
