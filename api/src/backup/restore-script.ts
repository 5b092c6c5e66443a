/**
 * pg_restore's SQL script, adjusted for our schema on its way to psql. pg_dump empties the
 * search_path at the top of a dump (every object in it is schema-qualified), but our SQL
 * functions name PostGIS and each other unqualified, and the stored generated columns of
 * `incidents` (migration 0026) call them while the rows are copied in: with an empty path the
 * restore fails ("function st_x(geometry) does not exist"). The path is set to `public`
 * instead, as the app's sessions have it. Lines inside COPY data are never touched.
 */
import { Transform, type TransformCallback } from 'node:stream';

const EMPTY_PATH = "SELECT pg_catalog.set_config('search_path', '', false);";
const PUBLIC_PATH = "SELECT pg_catalog.set_config('search_path', 'public', false);";

export function publicSearchPath(): Transform {
  let pending = '';
  let inCopy = false;
  const fix = (line: string): string => {
    if (inCopy) {
      if (line === '\\.') inCopy = false;
      return line;
    }
    if (/^COPY .* FROM stdin;$/.test(line)) inCopy = true;
    return line === EMPTY_PATH ? PUBLIC_PATH : line;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      done(null, lines.map((l) => fix(l) + '\n').join(''));
    },
    flush(done: TransformCallback) {
      done(null, pending ? fix(pending) : '');
    },
  });
}
