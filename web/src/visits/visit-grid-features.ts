/**
 * The analyst's visits layer from the per-grid table: each grid in force as a polygon whose
 * properties are its overdue cell (a count, or a suppressed one drawn hatched), and a label
 * point per grid showing the count or its display ("<5"). Geometry `[lng, lat]` WGS84.
 */
import type { FeatureCollectionOf, GridLayerProperties, SuppressedCellValue, VisitDueGrids } from '@gridatlas/api/contract';
import { labelPoint, mainRings } from '../map/label-point';

export interface VisitGridFeatures {
  polygons: {
    type: 'FeatureCollection';
    features: { type: 'Feature'; geometry: unknown; properties: SuppressedCellValue & { code: string } }[];
  };
  labels: {
    type: 'FeatureCollection';
    features: {
      type: 'Feature';
      geometry: { type: 'Point'; coordinates: [number, number] };
      properties: { label: string; suppressed: boolean };
    }[];
  };
}

export function visitGridFeatures(grids: FeatureCollectionOf<GridLayerProperties>, table: VisitDueGrids): VisitGridFeatures {
  const overdue = new Map(table.rows.map((r) => [r.code, r.overdue]));
  const polygons: VisitGridFeatures['polygons']['features'] = [];
  const labels: VisitGridFeatures['labels']['features'] = [];
  for (const f of grids.features) {
    const cell = overdue.get(f.properties.code);
    // Grids outside the table (outside the jurisdiction or the region) are not drawn.
    if (!cell) continue;
    polygons.push({ type: 'Feature', geometry: f.geometry, properties: { ...cell, code: f.properties.code } });
    const suppressed = 'suppressed' in cell;
    // Zeros say nothing worth a label: every grid would carry a "0".
    if (!suppressed && cell.count === 0) continue;
    labels.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelPoint(mainRings(f.geometry)) },
      properties: { label: suppressed ? cell.display : String(cell.count), suppressed },
    });
  }
  return { polygons: { type: 'FeatureCollection', features: polygons }, labels: { type: 'FeatureCollection', features: labels } };
}
