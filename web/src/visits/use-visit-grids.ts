/** The analyst's visits table for a district, a category ('' = all special groups) and a day, while the layer shows. */
import { useEffect, useState } from 'react';
import type { VisitDueGrids } from '@gridatlas/api/contract';
import { fetchDueGrids } from './visits-api';

export function useVisitGrids(
  enabled: boolean,
  district: string,
  category: string,
  day: string | null,
): { data: VisitDueGrids | null; error: string | null } {
  const [state, setState] = useState<{ data: VisitDueGrids | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    if (!enabled || !day) return;
    const abort = new AbortController();
    fetchDueGrids(district, category || null, abort.signal, day)
      .then((data) => setState({ data, error: null }))
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setState({ data: null, error: e instanceof Error ? e.message : String(e) });
      });
    return () => abort.abort();
  }, [enabled, district, category, day]);
  return state;
}
