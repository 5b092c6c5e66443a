/**
 * A table as CSV that Excel opens with Chinese intact: UTF-8 with a byte-order mark, CRLF
 * line ends, fields quoted where they hold a comma, quote or line break.
 */
export type Cell = string | number | null;

const BOM = '\uFEFF';

function field(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // A leading = + - @ would make Excel evaluate the cell as a formula.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** @example toCsv(['名称', 'n'], [['网格 1', 3]]) // '\uFEFF名称,n\r\n网格 1,3\r\n' */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Saves `content` as a file through a temporary link. */
export function downloadBlob(content: Blob, filename: string): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
