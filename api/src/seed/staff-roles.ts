/** Display names of the N+5 staff roles: seeded as data so a deployment can rename them. */
import type { StaffRoleKey } from './dataset.types.js';

export const DEFAULT_STAFF_ROLES: readonly { key: StaffRoleKey; zh: string; en: string }[] = [
  { key: 'information_officer', zh: '信息员', en: 'Information officer' },
  { key: 'zone_manager', zh: '专管员', en: 'Zone manager' },
  { key: 'assistant', zh: '协理员', en: 'Assistant' },
  { key: 'community_manager', zh: '管理员', en: 'Community manager' },
  { key: 'supervisor', zh: '督导员', en: 'Supervisor' },
];
