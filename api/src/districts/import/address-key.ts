/**
 * Building keys as registries write them, reduced so the same building matches however it
 * was typed: full-width forms folded (NFKC), spaces dropped, case folded, and the words for a
 * building — 幢, 座, 号楼 — written as 栋.
 *
 * @example addressKey('洪山路 １２号３幢') === addressKey('洪山路12号3栋') // true
 */
export function addressKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(号楼|幢|座)/g, '栋')
    .replace(/栋楼$/, '栋');
}
