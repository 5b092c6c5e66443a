/** Guesses which source field holds longitude, latitude, time… from common names. */
import type { FieldMapping } from './import.types.js';

const CANDIDATES: Record<keyof FieldMapping, string[]> = {
  lng: ['lng', 'lon', 'long', 'longitude', 'x', '经度', 'wgs84_lng', 'gcj_lng', 'bd_lng'],
  lat: ['lat', 'latitude', 'y', '纬度', 'wgs84_lat', 'gcj_lat', 'bd_lat'],
  time: ['time', 'datetime', 'date', 'timestamp', 'reported_at', 'reportedat', 'report_time', '时间', '上报时间', '发生时间', '日期'],
  category: ['category', 'type', 'class', '类别', '事件类别', '事件类型', '类型'],
  id: ['id', 'code', 'case_no', 'caseno', '编号', '事件编号'],
  worker: ['worker', 'staff', 'staff_id', 'staffid', 'name', '网格员', '姓名'],
};

/** Fills unset fields of `mapping` from `columns` (case-insensitive); the id field is never guessed for tracks. */
export function guessFields(columns: readonly string[], mapping: FieldMapping, keys: readonly (keyof FieldMapping)[]): FieldMapping {
  const byLower = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  const out: FieldMapping = { ...mapping };
  for (const key of keys) {
    if (out[key] !== undefined) continue;
    const hit = CANDIDATES[key].map((c) => byLower.get(c)).find((c) => c !== undefined);
    if (hit !== undefined) out[key] = hit;
  }
  return out;
}
