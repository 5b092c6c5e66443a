/**
 * The SVG path of a sparkline: values left to right over `width` × `height` pixels, the
 * lowest at the bottom; a gap (null) breaks the line instead of drawing it through zero.
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number, pad = 2): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0 || values.length < 2) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = (width - 2 * pad) / (values.length - 1);
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const x = pad + i * step;
    // A flat series sits in the middle, not on the floor.
    const y = max === min ? height / 2 : height - pad - ((v - min) / span) * (height - 2 * pad);
    path += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  });
  return path;
}
