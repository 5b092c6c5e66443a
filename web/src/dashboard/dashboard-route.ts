/**
 * Where a user lands after logging in: leaders on the dashboard, anyone with `dashboard.read`
 * there too when the URL asks for it (`#dashboard`, `#dashboard/wall`, `?wall=1`), with the
 * URL's month, region and wall timings.
 */
import type { User } from '@gridatlas/api/contract';
import { selectRegion } from '../state/view.store';
import { dashboardPeriodStore, showView, wallStore } from './dashboard.store';
import type { DashboardUrl } from './wall-url';

export function enterFromUrl(user: Pick<User, 'roles' | 'permissions'>, url: DashboardUrl): void {
  if (!user.permissions.includes('dashboard.read')) return;
  if (!url.open && !user.roles.includes('leader')) return;
  showView('dashboard');
  if (url.period) dashboardPeriodStore.set(url.period);
  if (url.region) selectRegion(url.region);
  if (url.wall) wallStore.set({ rotateSeconds: url.rotateSeconds, refreshMinutes: url.refreshMinutes });
}
