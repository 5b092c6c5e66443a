/**
 * GDAL's command-line tools (gdal-bin) as an independent reference in tests. The tests that
 * use them are skipped where gdal-bin is missing, except in CI, whose bootstrap installs it:
 * there a missing GDAL fails them.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export const HAS_GDAL = spawnSync('gdaltransform', ['--version'], { stdio: 'ignore' }).status === 0;
/** Run GDAL tests here: gdal-bin is installed, or this is CI (which must have it). */
export const RUN_GDAL_TESTS = HAS_GDAL || process.env.CI === 'true';

/** `gdaltransform -s_srs from -t_srs to` over `[x, y]` pairs (traditional x/y = lng/lat order). */
export function gdalTransform(from: string, to: string, points: [number, number][]): [number, number][] {
  const out = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], {
    input: points.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n',
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

/** `gdalsrsinfo -o proj4` of each EPSG code, in one shell. */
export function gdalProj4(codes: number[]): Map<number, string> {
  const script = codes.map((c) => `gdalsrsinfo -o proj4 EPSG:${c} | tr -d '\\n'; echo`).join('\n');
  const lines = execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\n');
  return new Map(codes.map((c, i) => [c, lines[i]!.trim()]));
}
