/**
 * Which fields each layer maps (the options of `pnpm gridatlas district import`) and a first
 * guess of each from the file's field names, in Chinese or English, for the admin to correct.
 */
import type { ImportLayer } from './import-api';

export type FieldOption =
  | 'codeField'
  | 'nameField'
  | 'parentField'
  | 'idField'
  | 'keyField'
  | 'householdsField'
  | 'personsField'
  | 'floorsField'
  | 'heightField'
  | 'classField'
  | 'roleField'
  | 'phoneField'
  | 'gridField'
  | 'categoryField';

export const LAYER_FIELDS: Record<ImportLayer, readonly FieldOption[]> = {
  district: ['nameField'],
  subdistricts: ['codeField', 'nameField'],
  communities: ['codeField', 'nameField', 'parentField'],
  buildings: ['idField', 'codeField', 'floorsField', 'heightField', 'householdsField', 'personsField'],
  registry: ['keyField', 'householdsField', 'personsField'],
  streets: ['nameField', 'classField'],
  grids: ['codeField', 'nameField', 'parentField'],
  staff: ['nameField', 'roleField', 'phoneField', 'gridField'],
  'special-groups': ['keyField', 'categoryField', 'gridField'],
};

/**
 * Field-name patterns per option, most specific first; a list is tried pattern by pattern, so
 * the earlier pattern wins whatever the fields' order.
 */
const PATTERNS: Record<FieldOption, RegExp | readonly RegExp[]> = {
  parentField: /^(parent|parent_?code|p_?code|上级|所属街道|街道代码|街道编码)/i,
  codeField: /(^|_)(code|dm|bm|gb)$|^code|编码|代码/i,
  nameField: /(^|_)(name|mc)$|^name|名称|姓名|^名$/i,
  idField: /^(id|osm_?id|fid|objectid|编号)$/i,
  keyField: /(building_?code|bldg|楼栋编码|房屋编码|地址|address|^key$)/i,
  householdsField: /(households?|hh|户数)/i,
  personsField: /(persons?|population|pop|人数|人口)/i,
  floorsField: /(floors?|levels?|storeys?|层数)/i,
  heightField: /(height|高度)/i,
  // As the API guesses a street's class: OSM's highway, Tilezen's fine kind_detail before its coarse kind.
  classField: [/highway/i, /^kind_detail$/i, /^f?class$/i, /等级|类型/, /^kind$/i],
  roleField: /(role|岗位|职务)/i,
  phoneField: /(phone|tel|电话)/i,
  gridField: /(grid|网格)/i,
  categoryField: /(category|类别|人群)/i,
};

/** For each option of the layer, the first field whose name matches, each field used once. */
export function guessFields(layer: ImportLayer, fields: readonly string[]): Partial<Record<FieldOption, string>> {
  const taken = new Set<string>();
  const guess: Partial<Record<FieldOption, string>> = {};
  // Specific options first, so "parent_code" is not taken as the code.
  const order = (Object.keys(PATTERNS) as FieldOption[]).filter((o) => LAYER_FIELDS[layer].includes(o));
  for (const option of order) {
    const patterns = [PATTERNS[option]].flat();
    const field = patterns.map((p) => fields.find((f) => !taken.has(f) && p.test(f))).find((f) => f !== undefined);
    if (field) {
      guess[option] = field;
      taken.add(field);
    }
  }
  return guess;
}
