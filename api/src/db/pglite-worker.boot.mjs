// Entry of the embedded database's worker thread when the API runs from its TypeScript source
// (tsx, vitest). Node 20 does not apply a parent's `--import` loader hooks to a worker's entry
// module, so the worker registers tsx itself before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
