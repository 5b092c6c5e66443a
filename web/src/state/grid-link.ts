/**
 * `#grid=<15-digit code>`: the link printed as a QR code on a grid's notice board. Opening it
 * (after login) selects the grid's community and then the grid, which opens its card. The link
 * is read once at start and forgotten once used, so later navigation is not pulled back.
 */
import { createStore } from './create-store';

/** The grid code of a `#grid=…` hash, or null. */
export function gridCodeFromHash(hash: string): string | null {
  const m = /^#?(?:.*&)?grid=(\d{15})(?:&|$)/.exec(hash);
  return m ? m[1]! : null;
}

/** The grid a link asked for and not yet shown. */
export const pendingGridLinkStore = createStore<string | null>(
  typeof window === 'undefined' ? null : gridCodeFromHash(window.location.hash),
);

/** Called once the grid is shown: clear the hash so a reload does not select it again. */
export function gridLinkUsed(): void {
  pendingGridLinkStore.set(null);
  if (typeof window !== 'undefined' && gridCodeFromHash(window.location.hash)) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}
