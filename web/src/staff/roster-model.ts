/** Pure helpers of the roster view: role names, a worker's places, assignment drafts. */
import type { AssignmentInput, StaffModel, Worker } from '@gridatlas/api/contract';

export type Locale = 'zh' | 'en';

export function roleName(model: StaffModel | null, key: string, locale: Locale): string {
  const r = model?.roles.find((x) => x.key === key);
  return r ? (locale === 'zh' ? r.zh : r.en) : key;
}

/** Where an assignment points: its grid, else its zone, else its region code. */
export const placeOf = (a: Worker['assignments'][number]): string => a.gridCode ?? a.zoneCode ?? a.regionCode;

/** One editable assignment row: a role and the one code its scope needs. */
export interface AssignmentDraft {
  role: string;
  code: string;
}

export function draftsOf(worker: Worker | null): AssignmentDraft[] {
  return (worker?.assignments ?? []).map((a) => ({ role: a.role, code: placeOf(a) }));
}

/** The request body of drafts, each code put where the role's scope reads it. */
export function assignmentInputs(model: StaffModel, drafts: readonly AssignmentDraft[]): AssignmentInput[] {
  return drafts
    .filter((d) => d.role && d.code.trim())
    .map((d) => {
      const scope = model.roles.find((r) => r.key === d.role)?.scope ?? 'grid';
      const code = d.code.normalize('NFKC').trim();
      return scope === 'grid'
        ? { role: d.role, gridCode: code }
        : scope === 'zone'
          ? { role: d.role, zoneCode: code }
          : { role: d.role, regionCode: code };
    });
}

export const sameDrafts = (a: readonly AssignmentDraft[], b: readonly AssignmentDraft[]): boolean =>
  JSON.stringify([...a].map((d) => `${d.role}:${d.code.trim()}`).sort()) ===
  JSON.stringify([...b].map((d) => `${d.role}:${d.code.trim()}`).sort());
