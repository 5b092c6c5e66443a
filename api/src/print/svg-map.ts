/**
 * A printable map as one SVG string: grid outlines (optionally a choropleth with its legend),
 * one grid highlighted, streets with their names along them, buildings, a north arrow and a
 * scale bar. Vector, so it prints sharp at any size; PNG comes from the HTML renderer when a
 * raster is needed. Input geometry is WGS84 `[lng, lat]`; the map is Web Mercator, north up.
 */
import { choroplethClasses, classColor, classLabel, type ChoroplethClass } from './choropleth.js';
import { bboxOf, fitFrame, padBBox, type LngLatBBox, type MapFrame } from './map-frame.js';
import { northArrowSvg, scaleBarSvg } from './map-furniture.js';
import { escapeXml } from './xml.js';

export interface MapGrid {
  code: string;
  name: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** The choropleth's value, when the map has one. */
  value?: number | null;
}

export interface MapStreet {
  name: string;
  class: 'arterial' | 'secondary' | 'branch' | 'lane';
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
}

export interface MapLayers {
  grids: readonly MapGrid[];
  streets: readonly MapStreet[];
  buildings: readonly (GeoJSON.Polygon | GeoJSON.MultiPolygon | GeoJSON.Point)[];
  /** The region's outline (a community's or district's boundary), drawn dashed. */
  outline?: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
}

export interface SvgMapOptions {
  /** User units; the printed size is set by the page's CSS (the SVG scales). */
  width: number;
  height: number;
  /** The area shown; default the highlighted grid (padded) or all the grids. */
  bbox?: LngLatBBox;
  /** A grid code drawn bold with the rest greyed. */
  highlight?: string;
  /** Fill grids by their `value`, with a legend titled `title` (e.g. "事件数 / 千户"). */
  choropleth?: { title: string };
  /**
   * Fill grids by class instead: a grid's `value` is the index of its class (null or out of
   * range: no class, drawn pale); the legend lists the classes under `title`, with `note` (e.g.
   * the rule the classes measure against) below. Used for the grid-load map of a district-map slide.
   */
  categories?: { title: string; note?: string; classes: readonly { label: string; color: string }[] };
  /** Label every grid with its name (default true without a highlight). */
  gridLabels?: boolean;
  /** Map furniture text size in user units; default scales with the map. */
  fontSize?: number;
}

const STREET_WIDTH: Record<MapStreet['class'], number> = { arterial: 5, secondary: 3.6, branch: 2.4, lane: 1.4 };

function ringPath(ring: readonly GeoJSON.Position[], frame: MapFrame): string {
  let d = '';
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = frame.project(ring[i]![0]!, ring[i]![1]!);
    d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d + 'Z';
}

function polygonPath(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, frame: MapFrame): string {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((rings) => rings.map((r) => ringPath(r, frame)).join('')).join('');
}

function linePoints(line: readonly GeoJSON.Position[], frame: MapFrame): [number, number][] {
  return line.map((p) => frame.project(p[0]!, p[1]!));
}

function pointsPath(pts: readonly [number, number][]): string {
  return pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

function length(pts: readonly [number, number][]): number {
  let l = 0;
  for (let i = 1; i < pts.length; i++) l += Math.hypot(pts[i]![0] - pts[i - 1]![0], pts[i]![1] - pts[i - 1]![1]);
  return l;
}

/** Estimated advance of `text` at `size`: a CJK character is one em, anything else ~0.6 em. */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return em * size;
}

/** The point `distance` units along a polyline. */
function pointAlong(pts: readonly [number, number][], distance: number): [number, number] {
  let left = distance;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    const seg = Math.hypot(bx - ax, by - ay);
    if (seg >= left && seg > 0) return [ax + ((bx - ax) * left) / seg, ay + ((by - ay) * left) / seg];
    left -= seg;
  }
  return pts[pts.length - 1]!;
}

/** A point inside-ish a polygon for its label: the centre of its largest ring's box, projected. */
function labelPoint(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, frame: MapFrame): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const rings of polys) {
    const b = bboxOf([{ type: 'Polygon', coordinates: rings }]);
    if (!b) continue;
    const area = (b[2] - b[0]) * (b[3] - b[1]);
    if (area > bestArea) {
      bestArea = area;
      best = frame.project((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    }
  }
  return best;
}

function legendSvg(title: string, classes: readonly ChoroplethClass[], x: number, y: number, font: number): string {
  const row = font * 1.5;
  const h = row * (classes.length + 2) + 4;
  const w = font * 10;
  let s = `<g class="legend"><rect x="${x}" y="${(y - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#fff" fill-opacity="0.9" stroke="#999" stroke-width="0.5"/>`;
  s += `<text x="${x + 4}" y="${(y - h + row).toFixed(1)}" font-size="${font}" font-weight="bold">${escapeXml(title)}</text>`;
  classes.forEach((c, i) => {
    const ry = y - h + row * (i + 1.4);
    s += `<rect x="${x + 4}" y="${ry.toFixed(1)}" width="${font * 1.6}" height="${font}" fill="${c.color}" stroke="#666" stroke-width="0.4"/>`;
    s += `<text x="${(x + 8 + font * 1.6).toFixed(1)}" y="${(ry + font * 0.85).toFixed(1)}" font-size="${font}">${escapeXml(classLabel(c))}</text>`;
  });
  const ny = y - h + row * (classes.length + 1.4);
  s += `<rect x="${x + 4}" y="${ny.toFixed(1)}" width="${font * 1.6}" height="${font}" fill="#eeeeee" stroke="#666" stroke-width="0.4"/>`;
  s += `<text x="${(x + 8 + font * 1.6).toFixed(1)}" y="${(ny + font * 0.85).toFixed(1)}" font-size="${font}">无数据 / no data</text>`;
  return s + '</g>';
}

/** The legend of a map filled by class: its swatches, then the note wrapped to the box. */
function categoryLegendSvg(c: NonNullable<SvgMapOptions['categories']>, x: number, y: number, font: number): string {
  const row = font * 1.5;
  const w = font * 16;
  // The note wrapped to the box by the estimated width of its characters at its size.
  const noteFont = font * 0.85;
  const noteLines: string[] = [];
  let line = '';
  for (const ch of c.note ?? '') {
    // Closing punctuation stays with the line it closes (no line starts with "，" or "）").
    if (line && textWidth(line + ch, noteFont) > w - 8 && !/[，。、；：）)]/.test(ch)) {
      noteLines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) noteLines.push(line);
  const h = row * (c.classes.length + 1 + noteLines.length * 0.9) + 6;
  let s = `<g class="legend"><rect x="${x}" y="${(y - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#fff" fill-opacity="0.92" stroke="#999" stroke-width="0.5"/>`;
  s += `<text x="${x + 4}" y="${(y - h + row).toFixed(1)}" font-size="${font}" font-weight="bold">${escapeXml(c.title)}</text>`;
  c.classes.forEach((k, i) => {
    const ry = y - h + row * (i + 1.4);
    s += `<rect x="${x + 4}" y="${ry.toFixed(1)}" width="${font * 1.6}" height="${font}" fill="${k.color}" stroke="#666" stroke-width="0.4"/>`;
    s += `<text x="${(x + 8 + font * 1.6).toFixed(1)}" y="${(ry + font * 0.85).toFixed(1)}" font-size="${font}">${escapeXml(k.label)}</text>`;
  });
  noteLines.forEach((text, i) => {
    const ny = y - h + row * (c.classes.length + 1.3) + font * 1.3 * i + font * 0.8;
    s += `<text class="legend-note" x="${x + 4}" y="${ny.toFixed(1)}" font-size="${noteFont.toFixed(1)}" fill="#444">${escapeXml(text)}</text>`;
  });
  return s + '</g>';
}

/** The SVG (a complete `<svg>` element) of `layers` as described by `options`. */
export function renderSvgMap(layers: MapLayers, options: SvgMapOptions): string {
  const { width, height } = options;
  const font = options.fontSize ?? Math.max(8, Math.min(width, height) / 60);
  const highlighted = options.highlight ? layers.grids.find((g) => g.code === options.highlight) : undefined;
  const fitTo =
    options.bbox ??
    (highlighted ? padBBox(bboxOf([highlighted.geometry])!, 0.12) : null) ??
    bboxOf([...layers.grids.map((g) => g.geometry), ...(layers.outline ? [layers.outline] : [])]) ??
    bboxOf(layers.streets.map((s) => s.geometry));
  if (!fitTo) throw new Error('renderSvgMap: nothing to draw and no bbox given');
  const frame = fitFrame(fitTo, width, height, font);
  const classes = options.choropleth ? choroplethClasses(layers.grids.map((g) => g.value ?? NaN)) : [];
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" height="100%" preserveAspectRatio="xMidYMid meet" font-family="'WenQuanYi Micro Hei', sans-serif">`,
    `<defs><clipPath id="map-clip"><rect x="0" y="0" width="${width}" height="${height}"/></clipPath></defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fbfaf7"/>`,
    `<g clip-path="url(#map-clip)">`,
  );

  // Grid fills first, so streets and buildings read on top of them.
  for (const g of layers.grids) {
    const fill = options.categories
      ? (options.categories.classes[g.value ?? -1]?.color ?? '#eeeeee')
      : options.choropleth
        ? classColor(classes, g.value)
        : highlighted
          ? g === highlighted
            ? '#fff3d6'
            : '#f1f1f1'
          : '#ffffff';
    out.push(`<path class="grid-fill" d="${polygonPath(g.geometry, frame)}" fill="${fill}" fill-rule="evenodd" stroke="none"/>`);
  }
  if (layers.buildings.length > 0) {
    const parts: string[] = [];
    const dots: string[] = [];
    for (const b of layers.buildings) {
      if (b.type === 'Point') {
        const [x, y] = frame.project(b.coordinates[0]!, b.coordinates[1]!);
        dots.push(`M${(x - 1.2).toFixed(1)},${y.toFixed(1)}h2.4`);
      } else parts.push(polygonPath(b, frame));
    }
    if (parts.length) out.push(`<path class="buildings" d="${parts.join('')}" fill="#c9bfb2" stroke="#8f8578" stroke-width="0.3"/>`);
    if (dots.length)
      out.push(`<path class="building-points" d="${dots.join('')}" stroke="#8f8578" stroke-width="2.4" stroke-linecap="round"/>`);
  }

  // Streets: a casing, then the fill, widest class last so junctions look joined.
  const order: MapStreet['class'][] = ['lane', 'branch', 'secondary', 'arterial'];
  const streetLines = layers.streets.flatMap((s) =>
    (s.geometry.type === 'LineString' ? [s.geometry.coordinates] : s.geometry.coordinates).map((c) => ({
      street: s,
      pts: linePoints(c, frame),
    })),
  );
  for (const pass of ['casing', 'fill'] as const) {
    for (const cls of order) {
      const d = streetLines
        .filter((l) => l.street.class === cls)
        .map((l) => pointsPath(l.pts))
        .join('');
      if (!d) continue;
      const w = STREET_WIDTH[cls];
      out.push(
        pass === 'casing'
          ? `<path d="${d}" fill="none" stroke="#9a9a9a" stroke-width="${w + 1.2}" stroke-linecap="round" stroke-linejoin="round"/>`
          : `<path class="street street-${cls}" d="${d}" fill="none" stroke="${cls === 'arterial' ? '#fde7a6' : '#ffffff'}" stroke-width="${w}" stroke-linecap="round" stroke-linejoin="round"/>`,
      );
    }
  }

  // Grid outlines above streets; the highlighted one bold.
  for (const g of layers.grids) {
    if (g === highlighted) continue;
    out.push(
      `<path class="grid" data-code="${g.code}" d="${polygonPath(g.geometry, frame)}" fill="none" stroke="#3b5b92" stroke-width="1" stroke-dasharray="${highlighted ? '4 3' : 'none'}"/>`,
    );
  }
  if (layers.outline) {
    out.push(
      `<path class="outline" d="${polygonPath(layers.outline, frame)}" fill="none" stroke="#555" stroke-width="1.6" stroke-dasharray="8 4"/>`,
    );
  }
  if (highlighted) {
    out.push(
      `<path class="grid grid-highlight" data-code="${highlighted.code}" d="${polygonPath(highlighted.geometry, frame)}" fill="none" stroke="#c0392b" stroke-width="3.2" stroke-linejoin="round"/>`,
    );
  }

  // Street names along the longest piece of each name that is long enough to hold it.
  const byName = new Map<string, { pts: [number, number][]; len: number }>();
  for (const l of streetLines) {
    if (!l.street.name) continue;
    const len = length(l.pts);
    const prev = byName.get(l.street.name);
    if (!prev || len > prev.len) byName.set(l.street.name, { pts: l.pts, len });
  }
  let id = 0;
  const streetFont = font * 0.85;
  for (const [name, { pts, len }] of byName) {
    const textLen = textWidth(name, streetFont);
    if (len < textLen + 2 * streetFont) continue;
    const [x0, y0] = pts[0]!;
    const [x1, y1] = pts[pts.length - 1]!;
    // A street running north–south gets upright characters stacked down its middle, as on
    // Chinese maps; others run along the line, left to right (a westward line is reversed so
    // its name is not upside down). The halo is a white band under the text, not a stroked
    // copy of the text, so the PDF holds each name once (copyable, searchable).
    if (Math.abs(y1 - y0) > Math.abs(x1 - x0) * 1.5) {
      const [mx, my] = pointAlong(pts, len / 2);
      out.push(
        `<rect x="${(mx - streetFont * 0.65).toFixed(1)}" y="${(my - textLen / 2 - 2).toFixed(1)}" width="${(streetFont * 1.3).toFixed(1)}" height="${(textLen + 4).toFixed(1)}" rx="2" fill="#fff" fill-opacity="0.85"/>`,
        `<text class="street-label" x="${mx.toFixed(1)}" y="${(my - textLen / 2).toFixed(1)}" font-size="${streetFont.toFixed(1)}" fill="#333" writing-mode="tb" glyph-orientation-vertical="0">${escapeXml(name)}</text>`,
      );
      continue;
    }
    const run = x0 > x1 ? [...pts].reverse() : pts;
    const pid = `street-label-${id++}`;
    const gap = Math.max(0, (len - textLen) / 2 - 2);
    out.push(
      `<path id="${pid}" d="${pointsPath(run)}" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="${(streetFont * 1.3).toFixed(1)}" stroke-dasharray="0 ${gap.toFixed(1)} ${(textLen + 4).toFixed(1)} ${len.toFixed(1)}"/>`,
      `<text class="street-label" font-size="${streetFont.toFixed(1)}" fill="#333" dy="${(streetFont * 0.35).toFixed(1)}"><textPath href="#${pid}" startOffset="50%" text-anchor="middle">${escapeXml(name)}</textPath></text>`,
    );
  }

  const labelGrids = options.gridLabels ?? !highlighted;
  for (const g of labelGrids ? layers.grids : highlighted ? [highlighted] : []) {
    const [x, y] = labelPoint(g.geometry, frame);
    const size = font * (g === highlighted ? 1.3 : 0.95);
    const w = textWidth(g.name, size) + size * 0.6;
    out.push(
      `<rect x="${(x - w / 2).toFixed(1)}" y="${(y - size * 1.05).toFixed(1)}" width="${w.toFixed(1)}" height="${(size * 1.45).toFixed(1)}" rx="3" fill="#fff" fill-opacity="0.8"/>`,
      `<text class="grid-label" x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" font-size="${size.toFixed(1)}" font-weight="bold" fill="${g === highlighted ? '#c0392b' : '#1f3a66'}">${escapeXml(g.name)}</text>`,
    );
  }
  out.push(`</g>`);

  out.push(northArrowSvg(width - font * 2.2, font * 3, font * 3));
  out.push(scaleBarSvg(width - font, height - font * 0.6, width / 4, frame.metresPerUnit, font));
  if (options.choropleth) out.push(legendSvg(options.choropleth.title, classes, font, height - font, font));
  else if (options.categories) out.push(categoryLegendSvg(options.categories, font, height - font, font));
  out.push(`<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="none" stroke="#444" stroke-width="1"/>`);
  out.push(`</svg>`);
  return out.join('\n');
}
