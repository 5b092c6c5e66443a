/** Whether a district is loaded, and removing all district data (for `seed --reset`). */
import type { Db } from '../db/db.types.js';

/**
 * Every table holding district data, children before parents. Users, roles, sessions and
 * the audit log are not district data and stay.
 */
export const DISTRICT_TABLES = [
  // Kept by triggers, which TRUNCATE does not fire: emptied with their sources.
  'incident_marks',
  'incident_month_figures',
  'incident_month_dirty',
  'incident_overdue_spans',
  'incident_daily_grid',
  'incident_monthly_grid',
  'incident_daily_cell',
  'incident_monthly_cell',
  'incident_monthly_hex',
  'stretch_patrol_months',
  'stretch_patrol_days',
  'patrol_days_done',
  'street_stretch_communities',
  'street_stretches',
  'special_group_records',
  // Briefings (0036): slides before their briefings, both before regions.
  'briefing_slides',
  'briefings',
  // Notice boards' service hours (0042), before regions.
  'service_hours',
  'visits',
  'patrol_tracks',
  'incident_transitions',
  // The incident loop (0039): photos before incidents, departments after them.
  'incident_photos',
  'incidents',
  'departments',
  'import_batches',
  'district_imports',
  'staff_assignments',
  // The roster (0038): proposals name staff and plans; the district's staffing model.
  'staff_assignment_proposals',
  'district_staff_models',
  'staff',
  // Buildings placed per approved plan (0044): the pairs before the plans placed, before plans.
  'building_grid_shares',
  'building_grid_shares_plans',
  'grid_code_lineage',
  'grid_codes',
  'grids',
  'plan_revisions',
  'plans',
  'zones',
  'rule_profiles',
  'building_registry',
  'buildings',
  'compounds',
  'streets',
  'regions',
  'analytics_settings',
  // The district's basemap choice (0030); the PMTiles files are the server's folder, not rows.
  'district_basemaps',
  // Dashboards kept under their versions (0037).
  'dashboard_responses',
  // The dashboard's region stretches kept under their fingerprint (0044).
  'dashboard_stretch_sets',
  // The district's visit plan (0040): cadences it set for itself.
  'visit_plans',
  'districts',
] as const;

export async function isSeeded(db: Db): Promise<boolean> {
  const r = await db.query<{ seeded: boolean }>('SELECT EXISTS (SELECT 1 FROM districts) AS seeded');
  return r.rows[0]?.seeded ?? false;
}

/**
 * Empties every district's data in one transaction. `districts` is deleted, not truncated: a
 * district's own staffing models (migration 0046, `staff_models.owner_district`) refer to it,
 * and TRUNCATE refuses a table that a foreign key names; the built-in models (no owner) stay.
 */
export async function resetDistrictData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(`TRUNCATE ${DISTRICT_TABLES.filter((t) => t !== 'districts').join(', ')} RESTART IDENTITY`);
    await tx.exec('DELETE FROM staff_models WHERE owner_district IS NOT NULL');
    await tx.exec('DELETE FROM districts');
  });
}
