/**
 * The real polygon sets the PostGIS reference tests run on, read from the shared real-data
 * folder (`GRIDATLAS_REAL_DATA`, else `../shared/data/real` beside the checkout): San Francisco
 * block groups (579, MultiPolygons, one with an island) and Denver neighbourhoods (75).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';

export const REAL_DATA = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real');

export interface RealSet {
  name: string;
  idField: string;
  countFields: string[];
  features: Feature[];
}

export function realPolygonSets(): RealSet[] {
  const read = (file: string): Feature[] => (JSON.parse(readFileSync(join(REAL_DATA, file), 'utf8')) as FeatureCollection).features;
  return [
    { name: 'sf-blockgroups', idField: 'GEO_ID', countFields: ['Population'], features: read('sf-blockgroups-2010.geojson') },
    {
      name: 'denver-neighborhoods',
      idField: 'NBHD_ID',
      countFields: ['POPULATION', 'NUM_HOUSEH'],
      features: read('denver-neighborhoods-2010.geojson'),
    },
  ];
}
