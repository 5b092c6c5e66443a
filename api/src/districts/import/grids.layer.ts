/**
 * Existing grids (网格): polygons with their 15-digit codes, usually drawn by hand. They become
 * the district's current approved plan at once, so the validator and the planner show their
 * problems (gaps, overlaps, grids over the rule). A valid code whose community exists is
 * kept; a missing, malformed or foreign one gets the next unused serial of the community
 * holding the grid's largest share, in reading order (north→south, west→east), reported as a
 * proposal; retired codes are never reused. The report lists duplicate codes (rejected),
 * grids in no community (rejected), grids across communities, and overlaps and gaps inside
 * each community. Codes of the plan in force that the file no longer has are retired.
 */
import { isGridCode, readingOrder } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import type { Db } from '../../db/db.types.js';
import type { LayerImporter } from './district-import.types.js';
import type { ChangeEntry, CodeProposal } from './import-report.js';
import { fieldText, normaliseInto, requireFields, sameGeometry } from './layer-helpers.js';
import { gapsInside, indexPolygons, largestShare, overlapsWithin, pointOf, type Areal } from './spatial-checks.js';

const CODE_GUESSES = ['code', 'CODE', 'grid_code', '网格编码', '网格编号', '网格代码', 'WGBM'];
const NAME_GUESSES = ['name', 'NAME', '网格名称', '名称', 'WGMC'];
const TYPE_GUESSES = ['type', '类型', '网格类型'];
const MIN_OVERLAP_M2 = 1;
const MIN_GAP_M2 = 50;

interface Grid {
  index: number;
  id: string;
  code: string;
  origin: 'source' | 'generated';
  given: string | null;
  name: string;
  type: 'comprehensive' | 'dedicated';
  community: string;
  geometry: Polygon;
}

export const importGrids: LayerImporter = async ({ db, district, read, options, report, hooks }) => {
  const dc = district.districtCode;
  requireFields(read.fields, { '--code-field': options.codeField, '--name-field': options.nameField });
  const items = normaliseInto(report, read.features, { expect: 'polygon', ...(options.codeField ? { idField: options.codeField } : {}) });
  const communities = district.regions.filter((r) => r.level === 'community');
  const communityCodes = new Set(communities.map((c) => c.code));
  const index = indexPolygons(communities.map((c) => ({ key: c.code, geometry: c.boundary })));
  const grids: Grid[] = [];
  const pending: (Omit<Grid, 'code'> & { code: null })[] = [];
  for (const it of items) {
    const who = { index: it.index, id: it.id, ...(it.name ? { name: it.name } : {}) };
    if (it.geometry.type !== 'Polygon') {
      report.add(
        'rejected',
        'multipart_grid',
        who,
        `a grid is one piece; this one has ${it.geometry.type === 'MultiPolygon' ? it.geometry.coordinates.length : 0} parts: split it into grids`,
        pointOf(it.geometry as unknown as Areal),
      );
      continue;
    }
    const geometry = it.geometry;
    const given = fieldText(it.properties, options.codeField, CODE_GUESSES) ?? null;
    const holder = largestShare(geometry, index);
    let community = holder.holder?.key ?? null;
    const valid = given !== null && isGridCode(given) && given.startsWith(dc) && communityCodes.has(given.slice(0, 12));
    if (valid) community = given.slice(0, 12);
    if (!community) {
      report.add('rejected', 'in_no_community', who, `grid ${given ?? it.id} lies in no community of the district`, pointOf(geometry));
      continue;
    }
    if (holder.holders > 1)
      report.add(
        'warning',
        'across_communities',
        who,
        `grid ${given ?? it.id} lies across ${holder.holders} communities (${Math.round(holder.share * 100)}% in ${holder.holder?.key})`,
        pointOf(geometry),
      );
    if (valid && holder.holder && holder.holder.key !== community && holder.share > 0.5) {
      report.add(
        'warning',
        'code_community_mismatch',
        who,
        `grid ${given} is coded for community ${community} but lies mostly in ${holder.holder.key}`,
        pointOf(geometry),
      );
    }
    if (given !== null && !valid)
      report.add(
        'warning',
        'invalid_code',
        who,
        `"${given}" is not a 15-digit grid code of a community of this district: a code is proposed`,
        pointOf(geometry),
      );
    const name = fieldText(it.properties, options.nameField, NAME_GUESSES) ?? '';
    const type = /专属|dedicated/.test(fieldText(it.properties, undefined, TYPE_GUESSES) ?? '') ? 'dedicated' : 'comprehensive';
    const base = { index: it.index, id: it.id, given, name, type, community, geometry } as const;
    if (valid) grids.push({ ...base, code: given, origin: 'source' });
    else pending.push({ ...base, code: null, origin: 'generated' });
  }
  const counts = new Map<string, number>();
  for (const g of grids) counts.set(g.code, (counts.get(g.code) ?? 0) + 1);
  for (const g of grids)
    if (counts.get(g.code)! > 1)
      report.add(
        'rejected',
        'duplicate_code',
        { index: g.index, id: g.id, name: g.name },
        `grid code ${g.code} is used by ${counts.get(g.code)} grids`,
        pointOf(g.geometry),
      );
  const kept = grids.filter((g) => counts.get(g.code) === 1);

  // Serials for the rest: after the highest ever issued in the community (retired included).
  const issued = await db.query<{ community: string; n: number }>(
    `SELECT left(code, 12) AS community, max(right(code, 3)::int) AS n FROM grid_codes WHERE district_code = $1 GROUP BY 1`,
    [dc],
  );
  const last = new Map(issued.rows.map((r) => [r.community, r.n]));
  for (const g of kept) last.set(g.community, Math.max(last.get(g.community) ?? 0, Number(g.code.slice(12))));
  const proposals: CodeProposal[] = [];
  for (const community of [...new Set(pending.map((p) => p.community))].sort()) {
    const here = pending.filter((p) => p.community === community);
    const order = readingOrder(here.map((p) => ({ key: String(p.index), geometry: p.geometry })));
    let n = last.get(community) ?? 0;
    for (const key of order) {
      const p = here.find((x) => String(x.index) === key)!;
      n += 1;
      if (n > 999) {
        report.add('rejected', 'no_serial_left', { index: p.index, id: p.id }, `community ${community} has no unused grid serial left`);
        continue;
      }
      const code = `${community}${String(n).padStart(3, '0')}`;
      proposals.push({ id: p.id, name: p.name, given: p.given, code, origin: 'generated' });
      report.add(
        'proposed',
        'code_generated',
        { index: p.index, id: p.id, name: p.name },
        `grid code ${code} proposed`,
        pointOf(p.geometry),
      );
      kept.push({ ...p, code });
    }
    last.set(community, n);
  }
  for (const g of kept) if (!g.name) g.name = `${g.code.slice(12)}号网格`;
  await hooks.progress?.(0.6, 'overlaps');

  // Overlaps and gaps, community by community.
  const byCode = new Map(kept.map((g) => [g.code, g]));
  for (const o of overlapsWithin(indexPolygons(kept.map((g) => ({ key: g.code, geometry: g.geometry }))), MIN_OVERLAP_M2)) {
    const a = byCode.get(o.a)!;
    report.add(
      'warning',
      'overlap',
      { index: a.index, id: a.code, name: a.name },
      `grids ${o.a} and ${o.b} overlap by ${o.areaM2} m²`,
      o.at,
    );
  }
  for (const c of communities) {
    const inside = kept.filter((g) => g.community === c.code);
    if (inside.length === 0) continue;
    for (const gap of gapsInside(
      c.boundary,
      inside.map((g) => g.geometry),
      MIN_GAP_M2,
    )) {
      report.add(
        'warning',
        'gap_in_community',
        { index: inside[0]!.index, id: c.code, name: c.name },
        `${gap.areaM2} m² of ${c.name} is in no grid`,
        gap.at,
      );
    }
  }
  report.total('grids', kept.length);

  const current = (
    await db.query<{ code: string; name: string; g: Polygon }>(
      `SELECT code, name, ST_AsGeoJSON(geometry, 9)::json AS g FROM current_grids WHERE district_code = $1`,
      [dc],
    )
  ).rows;
  const old = new Map(current.map((c) => [c.code, c]));
  const list: ChangeEntry[] = [];
  let unchanged = 0;
  for (const g of kept) {
    const o = old.get(g.code);
    if (!o) list.push({ code: g.code, name: g.name, change: 'added' });
    else {
      const geom = !sameGeometry(o.g, g.geometry);
      const named = o.name !== g.name;
      if (!geom && !named) unchanged++;
      else
        list.push({
          code: g.code,
          name: g.name,
          change: geom && named ? 'geometry+attributes' : geom ? 'geometry' : 'attributes',
          ...(named ? { fields: ['name'] } : {}),
        });
    }
  }
  const now = new Set(kept.map((g) => g.code));
  for (const c of current) if (!now.has(c.code)) list.push({ code: c.code, name: c.name, change: 'removed' });
  const count = (c: ChangeEntry['change'][]) => list.filter((x) => c.includes(x.change)).length;
  return {
    accepted: kept.length,
    codes: { kept: kept.filter((g) => g.origin === 'source').length, matched: 0, generated: proposals.length, proposals },
    changes: {
      added: count(['added']),
      removed: count(['removed']),
      geometryChanged: count(['geometry', 'geometry+attributes']),
      attributesChanged: count(['attributes', 'geometry+attributes']),
      unchanged,
      list,
    },
    async apply(tx: Db, importId: number) {
      const by = options.importedBy ?? 'import';
      // The imported plan supersedes every approved plan of the district (one approved per region).
      await tx.query(
        `UPDATE plans SET status = 'archived', archived_at = now(), status_note = $2 WHERE district_code = $1 AND status = 'approved'`,
        [dc, `superseded by the grids of district import ${importId}`],
      );
      const plan = await tx.query<{ id: number }>(
        `INSERT INTO plans (district_code, region_code, name, status, author, approved_at, approved_by, status_note)
         VALUES ($1::char(6), $1::text, $2, 'approved', $3, now(), $3, $4) RETURNING id`,
        [dc, `导入网格 ${new Date().toISOString().slice(0, 10)}`, by, `imported (district import ${importId})`],
      );
      const planId = plan.rows[0]!.id;
      await tx.query(
        `INSERT INTO grids (district_code, plan_id, code, name, type, community_code, zone_code, geometry)
         SELECT $2::char(6), $3, r.code, r.name, r.type, r.community, NULL, ST_SetSRID(ST_GeomFromGeoJSON(r.g::text), 4326)
         FROM json_to_recordset($1::json) AS r(code text, name text, type text, community text, g json)`,
        [
          JSON.stringify(kept.map((g) => ({ code: g.code, name: g.name, type: g.type, community: g.community, g: g.geometry }))),
          dc,
          planId,
        ],
      );
      await tx.query(
        `INSERT INTO grid_codes (district_code, code, first_plan_id) SELECT $1, c, $2 FROM unnest($3::text[]) AS c ON CONFLICT (district_code, code) DO UPDATE SET retired_at = NULL, retired_plan_id = NULL`,
        [dc, planId, kept.map((g) => g.code)],
      );
      const dropped = current.map((c) => c.code).filter((c) => !now.has(c));
      await tx.query(
        `UPDATE grid_codes SET retired_at = now(), retired_plan_id = $2 WHERE district_code = $1 AND code = ANY ($3::text[]) AND retired_at IS NULL`,
        [dc, planId, dropped],
      );
    },
  };
};
