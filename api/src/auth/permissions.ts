/**
 * Permission keys the routes check, and the default roles. Roles and their permissions are
 * data (the `roles` table); these defaults are what a new database starts with, and an
 * admin may change them.
 */
export const PERMISSIONS = [
  'map.read',
  'plans.read',
  'plans.edit',
  'plans.submit',
  'plans.approve',
  'profiles.edit',
  'analytics.read',
  'special_groups.aggregate',
  'special_groups.records',
  'incidents.read',
  'incidents.write',
  'patrols.read',
  'patrols.write',
  'audit.read',
  'users.manage',
  // Creating districts and importing their layers (boundaries, buildings, registry, streets,
  // grids, staff) and exporting them; special groups need their own permission besides.
  'districts.import',
  'special_groups.import',
  'basemaps.edit',
  // Leaders' briefings (issue 17): the dashboard of a jurisdiction, briefings of saved map
  // views, and PDF/PPTX reports and grid notice boards.
  'dashboard.read',
  'briefings.edit',
  'reports.export',
  // issue 18: staff — the roster of a jurisdiction (names, roles, work phones, assignments,
  // vacancies and overloads) and editing it (workers, assignments, roster imports).
  'staff.read',
  'staff.edit',
  // issue 18: incident loop — dispatching (受理、立案、派遣), verifying (核查、结案、退回重办) and
  // evaluating closed ones (评价). Which transition a role may make is data
  // (incident_transition_rules, checked in SQL); these open the routes.
  'incidents.dispatch',
  'incidents.verify',
  'incidents.evaluate',
  // issue 18: visits — due and overdue per grid as suppressed aggregates (visits.read); a
  // grid's recorded visits and who is overdue (visits.records, audited); recording and
  // correcting one's own visits (visits.record); the district's visit plan (visits.plan).
  'visits.read',
  'visits.records',
  'visits.record',
  'visits.plan',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export interface RoleDefinition {
  key: string;
  zh: string;
  en: string;
  permissions: Permission[];
}

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  { key: 'admin', zh: '系统管理员', en: 'Administrator', permissions: [...PERMISSIONS] },
  {
    key: 'planner',
    zh: '网格规划员',
    en: 'Planner',
    permissions: ['map.read', 'plans.read', 'plans.edit', 'plans.submit', 'analytics.read', 'reports.export', 'staff.read'],
  },
  {
    key: 'analyst',
    zh: '数据分析员',
    en: 'Analyst',
    permissions: [
      'map.read',
      'plans.read',
      'analytics.read',
      'special_groups.aggregate',
      'incidents.read',
      'patrols.read',
      'dashboard.read',
      'briefings.edit',
      'reports.export',
      'visits.read',
    ],
  },
  {
    key: 'leader',
    zh: '领导',
    en: 'Leader',
    permissions: [
      'map.read',
      'plans.read',
      'plans.approve',
      'analytics.read',
      'special_groups.aggregate',
      'incidents.read',
      'patrols.read',
      'dashboard.read',
      'briefings.edit',
      'reports.export',
      'staff.read',
      'incidents.evaluate',
      'visits.read',
    ],
  },
  {
    // Grid workers visit the people they serve: they see individual records, masked, in
    // their own jurisdiction only, and every such read is audited.
    key: 'worker',
    zh: '网格员',
    en: 'Grid worker',
    permissions: [
      'map.read',
      'special_groups.records',
      'incidents.read',
      'incidents.write',
      'visits.read',
      'visits.records',
      'visits.record',
    ],
  },
  {
    // Issue 18: the dispatcher works the incident loop of their jurisdiction (no special-group
    // records, no analytics).
    key: 'dispatcher',
    zh: '调度员',
    en: 'Dispatcher',
    permissions: ['map.read', 'incidents.read', 'incidents.write', 'incidents.dispatch', 'incidents.verify', 'incidents.evaluate'],
  },
];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
