/**
 * Child process of `pnpm bench formats`: reads one file with readLayer (or inspectLayer) and
 * prints one JSON line — features, encoding, CRS and the time spent in the call — so the
 * parent can take this process's wall time and peak memory from /usr/bin/time.
 */
import { inspectLayer, readLayer } from '@gridatlas/api/formats';

const [mode, file, ...rest] = process.argv.slice(2);
const options = rest.length > 0 ? (JSON.parse(rest[0]!) as Record<string, string>) : {};
const t0 = performance.now();
if (mode === 'none') {
  console.log(JSON.stringify({ ms: 0, features: 0 }));
} else if (mode === 'inspect') {
  const p = await inspectLayer({ path: file! }, options);
  console.log(JSON.stringify({ ms: performance.now() - t0, features: p.featureCount, encoding: p.encoding?.name ?? null, crs: p.crs.id }));
} else {
  const layer = await readLayer({ path: file! }, options);
  console.log(
    JSON.stringify({
      ms: performance.now() - t0,
      features: layer.featureCount,
      encoding: layer.encoding?.name ?? null,
      crs: layer.crs.id,
      warnings: layer.warnings.length,
    }),
  );
}
