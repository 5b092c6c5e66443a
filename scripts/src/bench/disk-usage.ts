/** Bytes a folder takes, summed over its files. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function du(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? du(path) : statSync(path).size;
  }
  return total;
}
