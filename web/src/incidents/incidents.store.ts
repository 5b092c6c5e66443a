/**
 * Which incident page is open: the dispatcher's view (desktop) or the grid worker's phone page.
 * The phone page opens by itself for a worker on a narrow screen, or with `#field` in the URL.
 */
import type { User } from '@gridatlas/api/contract';
import { createStore } from '../state/create-store';

export const dispatchOpenStore = createStore(false);
export const fieldOpenStore = createStore(false);

/**
 * On login: workers on a phone, or anyone entitled with `#field`, land on the phone page;
 * dispatchers land on their view.
 */
export function enterIncidentPages(user: User, hash: string, narrow: boolean): void {
  const can = (p: string) => user.permissions.includes(p);
  if (can('incidents.write') && (hash === '#field' || (narrow && user.roles.includes('worker') && !can('incidents.dispatch'))))
    fieldOpenStore.set(true);
  else if (can('incidents.dispatch') && user.roles.includes('dispatcher')) dispatchOpenStore.set(true);
}
