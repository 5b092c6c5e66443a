/** Text inside SVG and HTML: escaped, in the report's CJK-capable font family. */
export const REPORT_FONT_FAMILY = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Rounds a coordinate to 0.1 px: enough for print, keeps the SVG small. */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A "nice" upper bound for an axis (1, 2, 2.5, 5 × 10^k) at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const k = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * k >= max) return m * k;
  return 10 * k;
}

/** Display width of a label in px at `fontSize`: CJK characters are square, Latin about half. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? fontSize : fontSize * 0.56;
  return w;
}
