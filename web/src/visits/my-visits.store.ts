/** Whether the worker's "my visits due" page is open (also from a `#my-visits` link). */
import { createStore } from '../state/create-store';

export const MY_VISITS_HASH = '#my-visits';

export const myVisitsOpenStore = createStore(typeof window !== 'undefined' && window.location.hash === MY_VISITS_HASH);
