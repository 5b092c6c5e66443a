/**
 * Special population groups (特殊人群/重点人群). Sensitive personal data: only aggregates
 * leave the database for maps, with small counts suppressed.
 */
export type SpecialGroupKind = 'service' | 'management';

export interface SpecialGroupCategoryInfo {
  key: string;
  kind: SpecialGroupKind;
  zh: string;
  en: string;
}

export const SPECIAL_GROUP_CATEGORIES: readonly SpecialGroupCategoryInfo[] = [
  { key: 'elderly_alone', kind: 'service', zh: '独居老人', en: 'Elderly living alone' },
  { key: 'disabled', kind: 'service', zh: '残疾人', en: 'Disabled' },
  { key: 'low_income', kind: 'service', zh: '低保户', en: 'Low-income' },
  { key: 'veteran', kind: 'service', zh: '退役军人', en: 'Veterans' },
  { key: 'released_prisoner', kind: 'management', zh: '刑满释放人员', en: 'Released prisoners' },
  { key: 'community_correction', kind: 'management', zh: '社区矫正人员', en: 'Community correction' },
  { key: 'drug_user', kind: 'management', zh: '吸毒人员', en: 'Drug users' },
  { key: 'mental_illness', kind: 'management', zh: '严重精神障碍患者', en: 'Severe mental illness' },
  { key: 'petitioner', kind: 'management', zh: '重点信访人员', en: 'Petitioners' },
];

/** Cells with fewer people than this are shown as "<N"; a setting, never below the floor. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const MIN_SUPPRESSION_THRESHOLD = 3;
