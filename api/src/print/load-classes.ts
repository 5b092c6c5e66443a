/**
 * The grid-load classes of the district map's legend (web/src/panel/load-legend.tsx) for print:
 * under-filled, within the rule, over it, and dedicated grids outside it — with the same
 * swatch colours, so a printed district-map slide reads like the live map it stands for. The
 * colours are those of web/src/map/load-colour.ts at the legend's sample loads (half the
 * under-fill floor, 80 %, 130 %); load is a share of the cap (1 = at the cap).
 */
import type { LoadStatus } from '@gridatlas/core';

/** The web map's load scale (web/src/map/load-colour.ts `loadStops`). */
function stops(underFillRatio: number): { load: number; colour: string }[] {
  return [
    { load: 0, colour: '#f3f1ea' },
    { load: underFillRatio * 0.999, colour: '#dfe8c8' },
    { load: underFillRatio, colour: '#b5dca2' },
    { load: 1, colour: '#3f9b57' },
    { load: 1.0001, colour: '#f08a6c' },
    { load: 1.5, colour: '#d7301f' },
    { load: 2, colour: '#99000d' },
  ];
}

const hex = (h: string): number[] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

/** The web map's colour of one load (linear between its stops, in sRGB). */
export function loadColour(load: number, underFillRatio: number): string {
  const s = stops(underFillRatio);
  if (!(load > s[0]!.load)) return s[0]!.colour;
  for (let i = 1; i < s.length; i++) {
    const [lo, hi] = [s[i - 1]!, s[i]!];
    if (load > hi.load) continue;
    const t = (load - lo.load) / (hi.load - lo.load);
    const [a, b] = [hex(lo.colour), hex(hi.colour)];
    return `#${[0, 1, 2]
      .map((k) =>
        Math.round(a[k]! + (b[k]! - a[k]!) * t)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  }
  return s[s.length - 1]!.colour;
}

/** Fill of dedicated grids (web/src/map/load-colour.ts `DEDICATED_GRID_COLOUR`). */
export const DEDICATED_COLOUR = '#a9bdd6';

/** The legend's classes in its order, by the status core's `gridLoad` gives. */
export const LOAD_CLASS_ORDER = ['under', 'ok', 'over', 'exempt'] as const satisfies readonly LoadStatus[];

/** Each class's swatch colour, as the live legend draws it. */
export function loadClassColours(underFillRatio: number): Record<(typeof LOAD_CLASS_ORDER)[number], string> {
  return {
    under: loadColour(underFillRatio / 2, underFillRatio),
    ok: loadColour(0.8, underFillRatio),
    over: loadColour(1.3, underFillRatio),
    exempt: DEDICATED_COLOUR,
  };
}
