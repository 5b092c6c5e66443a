/**
 * Opening the dashboard from a URL, so a command-centre screen can be pointed at it:
 * `#dashboard` opens the dashboard, `#dashboard/wall` or `?wall=1` its wall mode (大屏);
 * `rotate=<seconds>` (default 20) and `refresh=<minutes>` (default 5) tune the wall,
 * `period=YYYY-MM` and `region=<code>` pick what it shows.
 */
import { isPeriod } from './period';

export interface DashboardUrl {
  open: boolean;
  wall: boolean;
  rotateSeconds: number;
  refreshMinutes: number;
  period: string | null;
  region: string | null;
}

export const DEFAULT_ROTATE_SECONDS = 20;
export const DEFAULT_REFRESH_MINUTES = 5;

function positive(value: string | null, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== null && Number.isFinite(n) && n > 0 ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Reads `search` (`?a=b`) and `hash` (`#dashboard/wall?a=b` also carries parameters). */
export function parseDashboardUrl(search: string, hash: string): DashboardUrl {
  const [route = '', hashQuery = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search);
  for (const [k, v] of new URLSearchParams(hashQuery)) params.set(k, v);
  const wall = route === 'dashboard/wall' || params.get('wall') === '1';
  const period = params.get('period');
  const region = params.get('region');
  return {
    open: wall || route === 'dashboard',
    wall,
    rotateSeconds: positive(params.get('rotate'), DEFAULT_ROTATE_SECONDS, 5, 3600),
    refreshMinutes: positive(params.get('refresh'), DEFAULT_REFRESH_MINUTES, 1, 24 * 60),
    period: isPeriod(period) ? period : null,
    region: region && /^\d{6,12}$/.test(region) ? region : null,
  };
}
