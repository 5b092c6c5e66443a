/** District metadata and the region list: loaded once per login, read by the whole shell. */
import { fetchMeta, fetchRegions } from '../api/api-client';
import type { Meta, Region } from '../api/api.types';
import { createStore } from './create-store';

export type AppData =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; meta: Meta; regions: Region[] };

export const appDataStore = createStore<AppData>({ status: 'loading' });

let generation = 0;

export async function loadAppData(): Promise<void> {
  const mine = ++generation;
  appDataStore.set({ status: 'loading' });
  try {
    const [meta, regions] = await Promise.all([fetchMeta(), fetchRegions()]);
    if (mine === generation) appDataStore.set({ status: 'ready', meta, regions });
  } catch (error) {
    if (mine === generation) appDataStore.set({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
  }
}

/** After logout or expiry: forget the district; a late answer from before is ignored. */
export function resetAppData(): void {
  generation++;
  appDataStore.set({ status: 'loading' });
}
