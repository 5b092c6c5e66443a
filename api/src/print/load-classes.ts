/**
 * The grid-load classes of the district map's legend (web/src/panel/load-legend.tsx) for print:
 * under-filled, within the rule, over it, and dedicated grids outside it — with the same
 * swatch colours (core's load scale, which the web map draws too), so a printed district-map
 * slide reads like the live map it stands for: the scale at the legend's sample loads (half the
 * under-fill floor, 80 %, 130 %); load is a share of the cap (1 = at the cap).
 */
import { DEDICATED_GRID_COLOUR, loadColour, type LoadStatus } from '@gridatlas/core';

/** The legend's classes in its order, by the status core's `gridLoad` gives. */
export const LOAD_CLASS_ORDER = ['under', 'ok', 'over', 'exempt'] as const satisfies readonly LoadStatus[];

/** Each class's swatch colour, as the live legend draws it. */
export function loadClassColours(underFillRatio: number): Record<(typeof LOAD_CLASS_ORDER)[number], string> {
  return {
    under: loadColour(underFillRatio / 2, underFillRatio),
    ok: loadColour(0.8, underFillRatio),
    over: loadColour(1.3, underFillRatio),
    exempt: DEDICATED_GRID_COLOUR,
  };
}
