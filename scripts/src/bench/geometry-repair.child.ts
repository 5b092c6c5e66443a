/**
 * One district through one implementation's `normaliseFeatures`, in its own process so that
 * the bench can stop an implementation that never finishes. Arguments: the module to import
 * (a core/src/index.ts), the boundaries file, `gcj02` or `as-given`, the feature index, the
 * number of timed runs. Prints one JSON line: median CPU and wall ms after a warm-up run,
 * and the result's parts and planar area (degrees², for a same-result check).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { gcj02ToWgs84, mapGeometry } from '@gridatlas/core';

interface Normaliser {
  normaliseFeatures(features: Feature[], options: { expect: 'polygon'; nameField: string }): { items: { geometry: Geometry }[] };
}

const [modulePath, file, system, index, runsArg] = process.argv.slice(2);
const { normaliseFeatures } = (await import(pathToFileURL(modulePath!).href)) as Normaliser;
const fc = JSON.parse(readFileSync(file!, 'utf8')) as FeatureCollection;
const f = fc.features[Number(index)]!;
// The same input for every implementation: converted here, by this checkout.
const feature: Feature = system === 'gcj02' ? { ...f, geometry: mapGeometry(f.geometry!, gcj02ToWgs84) } : f;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const cpu: number[] = [];
const wall: number[] = [];
let result = normaliseFeatures([feature], { expect: 'polygon', nameField: 'name' });
for (let i = 0; i < Number(runsArg); i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  result = normaliseFeatures([feature], { expect: 'polygon', nameField: 'name' });
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const g = result.items[0]?.geometry;
const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
const ringArea = (r: number[][]): number =>
  Math.abs(r.reduce((s, p, i) => (i ? s + r[i - 1]![0]! * p[1]! - p[0]! * r[i - 1]![1]! : s), 0)) / 2;
const area = polys.reduce((s, p) => s + ringArea(p[0]!) - p.slice(1).reduce((h, r) => h + ringArea(r), 0), 0);
console.log(JSON.stringify({ cpu: median(cpu), wall: median(wall), parts: polys.length, area }));
