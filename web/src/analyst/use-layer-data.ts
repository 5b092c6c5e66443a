/**
 * The map layers' data, each fetched only while its layer is shown and refetched when its
 * inputs change; the request before is aborted (a viewport change cancels the hexbins of
 * the last one). State changes only when new data arrives, so layer `data` stays stable.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeadCorners, IncidentHexbins, SpecialGroupHexbins } from '@gridatlas/api/contract';
import type { IncidentPoints } from './decode.protocol';
import { fetchDeadCorners, fetchIncidentHexbins, fetchSpecialHexbins, pointsPath, tracksPath } from './analytics-api';
import type { AnalystFilters, Viewport } from './analyst.store';
import { fetchIncidentPoints, fetchTracks } from './decode-client';
import type { DisplayTrack } from './decode-points';

type BBox = [number, number, number, number];

export interface Loaded<T> {
  data: T | null;
  error: string | null;
}

/** Runs `load` while `active` and its key changes; keeps the last data while a new load runs. */
function useLoad<T>(active: boolean, key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  // Switching back to a layer whose inputs did not change reuses what it loaded.
  const loadedKey = useRef<string | null>(null);
  useEffect(() => {
    if (!active || loadedKey.current === key) return;
    const abort = new AbortController();
    load(abort.signal)
      .then((data) => {
        if (abort.signal.aborted) return;
        loadedKey.current = key;
        setState({ data, error: null });
      })
      .catch(
        (e: unknown) =>
          !abort.signal.aborted && setState((prev) => ({ data: prev.data, error: e instanceof Error ? e.message : String(e) })),
      );
    return () => abort.abort();
    // `load` is rebuilt every render; `key` names everything it depends on.
  }, [active, key]);
  return state;
}

/** Upper bound on points for the heatmap: a year of incidents at Lianhu scale is ~40,000; the route allows 200,000. */
export const POINTS_LIMIT = 200_000;

export function useIncidentPoints(active: boolean, filters: AnalystFilters | null, bbox: BBox): Loaded<IncidentPoints> {
  const path = filters ? pointsPath(filters, bbox, POINTS_LIMIT) : '';
  return useLoad(active && !!filters, path, (signal) => fetchIncidentPoints(path, signal));
}

export function useIncidentHexbins(active: boolean, filters: AnalystFilters | null, viewport: Viewport | null): Loaded<IncidentHexbins> {
  const key = JSON.stringify([filters, viewport?.bbox.map((v) => v.toFixed(4)), viewport && Math.round(viewport.zoom)]);
  return useLoad(active && !!filters && !!viewport, key, (signal) =>
    fetchIncidentHexbins(filters!, viewport!.bbox, viewport!.zoom, signal),
  );
}

export function useSpecialHexbins(active: boolean, category: string, viewport: Viewport | null): Loaded<SpecialGroupHexbins> {
  const key = JSON.stringify([category, viewport?.bbox.map((v) => v.toFixed(4)), viewport && Math.round(viewport.zoom)]);
  return useLoad(active && !!viewport, key, (signal) => fetchSpecialHexbins(category, viewport!.bbox, viewport!.zoom, signal));
}

/** Epoch seconds of midnight of `date` in Beijing time (UTC+8, no daylight saving). */
export const beijingMidnight = (date: string): number => Date.parse(`${date}T00:00:00+08:00`) / 1000;

export function useTracks(active: boolean, date: string | null): Loaded<DisplayTrack[]> {
  return useLoad(active && !!date, date ?? '', (signal) => fetchTracks(tracksPath(date!), beijingMidnight(date!), signal));
}

export function useDeadCorners(active: boolean, days: number): Loaded<DeadCorners> {
  return useLoad(active, String(days), (signal) => fetchDeadCorners(days, signal));
}
