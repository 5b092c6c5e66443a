/**
 * Special-group rosters (特殊人群; sensitive): one row per person and category, tied to a
 * building by its code or address, stored as the demo stores them (category, since, and the
 * identity and phone numbers when the file has them, which leave the API masked only). Only an
 * admin entitled to special groups may import them. The report names rows by number only —
 * never a name, an identity number or a phone — and nothing of them is logged. Importing again
 * replaces the records the previous roster import brought in.
 */
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { Db } from '../../db/db.types.js';
import { ImportError } from '../../import/import.types.js';
import { buildingKeys } from './building-keys.js';
import type { LayerImporter } from './district-import.types.js';
import { fieldText, requireFields } from './layer-helpers.js';

const KEY_GUESSES = ['building_code', '楼栋编码', '楼栋编号', '房屋编码', '地址', 'address'];
const CATEGORY_GUESSES = ['category', '类别', '人群类别', '人员类别'];
const SINCE_GUESSES = ['since', '纳入时间', '登记日期', '日期'];
const ID_GUESSES = ['id_number', '身份证号', '身份证号码', '证件号码'];
const PHONE_GUESSES = ['phone', '电话', '联系电话', '手机'];

function categoryOf(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.normalize('NFKC').trim();
  return SPECIAL_GROUP_CATEGORIES.find((c) => c.key === v || c.zh === v || c.en.toLowerCase() === v.toLowerCase())?.key ?? null;
}

function dateOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(
    String(value ?? '')
      .normalize('NFKC')
      .trim(),
  );
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d.toISOString().slice(0, 10) : null;
}

export const importSpecialGroups: LayerImporter = async ({ db, district, read, options, report }) => {
  const dc = district.districtCode;
  requireFields(read.fields, {
    '--key-field': options.keyField,
    '--category-field': options.categoryField,
    '--since-field': options.sinceField,
    '--id-number-field': options.idNumberField,
    '--phone-field': options.phoneField,
  });
  const keyField = options.keyField ?? KEY_GUESSES.find((k) => read.fields.includes(k));
  if (!keyField)
    throw new ImportError(
      `name the field holding the building code or address with --key-field; the file's fields are: ${read.fields.join(', ')}`,
    );
  const { buildings, find } = await buildingKeys(db, dc);
  if (buildings.length === 0) throw new ImportError(`district ${dc} has no buildings yet: import them before special groups`);
  const records: { b: number; cat: string; since: string; idn: string | null; phone: string | null }[] = [];
  read.features.forEach((f, index) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const row = typeof props.__row === 'number' ? props.__row : index + 1;
    const who = { index, id: `row ${row}`, row };
    const building = find(fieldText(props, keyField) ?? '');
    if (!building) return report.add('rejected', 'no_building', who, `row ${row}: the ${keyField} names no building of the district`);
    const cat = categoryOf(fieldText(props, options.categoryField, CATEGORY_GUESSES));
    if (!cat)
      return report.add(
        'rejected',
        'unknown_category',
        who,
        `row ${row}: the category is none of ${SPECIAL_GROUP_CATEGORIES.map((c) => c.zh).join('、')}`,
      );
    const sinceRaw =
      (options.sinceField ? props[options.sinceField] : SINCE_GUESSES.map((g) => props[g]).find((v) => v !== undefined && v !== '')) ??
      null;
    const since = sinceRaw === null ? new Date().toISOString().slice(0, 10) : dateOf(sinceRaw);
    if (!since) return report.add('rejected', 'bad_date', who, `row ${row}: the date is not a date (e.g. 2024-03-01)`);
    records.push({
      b: building.id,
      cat,
      since,
      idn: fieldText(props, options.idNumberField, ID_GUESSES) ?? null,
      phone: fieldText(props, options.phoneField, PHONE_GUESSES) ?? null,
    });
  });
  for (const c of SPECIAL_GROUP_CATEGORIES) report.total(c.key, records.filter((r) => r.cat === c.key).length);
  const before = (
    await db.query<{ n: number }>('SELECT count(*) AS n FROM special_group_records WHERE district_code = $1 AND import_id IS NOT NULL', [
      dc,
    ])
  ).rows[0]!.n;
  return {
    accepted: records.length,
    changes: { added: records.length, removed: before, geometryChanged: 0, attributesChanged: 0, unchanged: 0, list: [] },
    async apply(tx: Db, importId: number) {
      await tx.query('DELETE FROM special_group_records WHERE district_code = $1 AND import_id IS NOT NULL', [dc]);
      for (let i = 0; i < records.length; i += 5000) {
        await tx.query(
          `INSERT INTO special_group_records (district_code, building_id, category, since, id_number, phone, import_id)
           SELECT $2::char(6), r.b, r.cat, r.since::date, r.idn, r.phone, $3 FROM json_to_recordset($1::json) AS r(b bigint, cat text, since text, idn text, phone text)`,
          [JSON.stringify(records.slice(i, i + 5000)), dc, importId],
        );
      }
    },
  };
};
