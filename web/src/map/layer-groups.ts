/** The map layers behind each toggle in the layer list; ids are also what tests query. */
export type LayerGroup = 'boundaries' | 'streets' | 'compounds' | 'buildings' | 'grids';

export const LAYER_GROUPS: readonly LayerGroup[] = ['boundaries', 'streets', 'compounds', 'buildings', 'grids'];

export const LAYER_IDS: Record<LayerGroup, readonly string[]> = {
  boundaries: ['subdistricts-line', 'communities-line', 'subdistrict-labels', 'community-labels'],
  streets: ['streets-casing', 'streets-line', 'street-labels'],
  compounds: ['compounds-fill', 'compounds-line'],
  buildings: ['buildings-fill', 'buildings-extrusion'],
  grids: ['grids-fill', 'grids-over-hatch', 'grids-line', 'grids-over-line', 'grids-selected-line', 'grid-labels'],
};
