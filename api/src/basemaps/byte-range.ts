/**
 * One HTTP byte range (RFC 9110 §14): `bytes=a-b`, `bytes=a-` or `bytes=-n`, clipped to the
 * file's size. PMTiles readers ask one range at a time; a list of ranges is answered with
 * the whole file (allowed: a server may ignore Range).
 */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * `null`: no (usable) Range header, serve the whole file; `'unsatisfiable'`: a 416.
 *
 * @example
 * parseByteRange('bytes=0-16383', 1000) // { start: 0, end: 999 } (inclusive, clipped)
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}
