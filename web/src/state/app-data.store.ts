/**
 * The region list of the user's jurisdiction (every district they see: several for a
 * city-level user) and the metadata of the district being looked at. `empty`: the database
 * holds no district the user may see yet (a first start with GRIDATLAS_DEMO=0).
 */
import { fetchDistricts, fetchMeta, fetchRegions } from '../api/api-client';
import type { Meta, Region } from '@gridatlas/api/contract';
import { createStore } from './create-store';

export type AppData =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'empty' }
  /** `synthetic`: codes of the districts made by the demo generator (labelled as such). */
  | { status: 'ready'; meta: Meta; regions: Region[]; synthetic: ReadonlySet<string> };

export const appDataStore = createStore<AppData>({ status: 'loading' });

let generation = 0;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Loads the regions, then the metadata of `districtCode` (default: the first district). */
export async function loadAppData(districtCode?: string): Promise<void> {
  const mine = ++generation;
  appDataStore.set({ status: 'loading' });
  try {
    const [regions, summaries] = await Promise.all([fetchRegions(), fetchDistricts()]);
    const synthetic = new Set(summaries.filter((d) => d.synthetic).map((d) => d.code));
    const districts = regions.filter((r) => r.level === 'district');
    if (districts.length === 0) {
      if (mine === generation) appDataStore.set({ status: 'empty' });
      return;
    }
    const district = districts.find((d) => d.code === districtCode) ?? districts[0]!;
    const meta = await fetchMeta(district.code);
    if (mine === generation) appDataStore.set({ status: 'ready', meta, regions, synthetic });
  } catch (error) {
    if (mine === generation) appDataStore.set({ status: 'error', error: asError(error) });
  }
}

/** Another district picked: its metadata replaces the current one; the regions stay. */
export async function loadDistrictMeta(districtCode: string): Promise<void> {
  const current = appDataStore.get();
  if (current.status !== 'ready' || current.meta.district.code === districtCode) return;
  const mine = ++generation;
  try {
    const meta = await fetchMeta(districtCode);
    const now = appDataStore.get();
    if (mine === generation && now.status === 'ready') appDataStore.set({ ...now, meta });
  } catch (error) {
    if (mine === generation) appDataStore.set({ status: 'error', error: asError(error) });
  }
}

/** After logout or expiry: forget the district; a late answer from before is ignored. */
export function resetAppData(): void {
  generation++;
  appDataStore.set({ status: 'loading' });
}
