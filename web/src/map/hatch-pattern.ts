/**
 * A diagonal red hatch for grids over the cap, drawn into raw RGBA pixels so the offline
 * style needs no sprite sheet (and no canvas). Size in CSS pixels at pixel ratio 1.
 */
export const HATCH_IMAGE_ID = 'hatch-over';

export function hatchPattern(size = 8, rgba: [number, number, number, number] = [198, 40, 40, 200]) {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Lines run bottom-left to top-right and meet across tile edges, so the pattern is seamless.
      if ((x + y) % size === 0 || (x + y + 1) % size === 0) data.set(rgba, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
