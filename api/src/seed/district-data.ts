/** Whether a district is loaded, and removing all district data (for `seed --reset`). */
import type { Db } from '../db/db.types.js';

/**
 * Every table holding district data, children before parents. Users, roles, sessions and
 * the audit log are not district data and stay.
 */
export const DISTRICT_TABLES = [
  // Kept by triggers, which TRUNCATE does not fire: emptied with their sources.
  'incident_daily_grid',
  'incident_monthly_grid',
  'incident_daily_cell',
  'incident_monthly_cell',
  'incident_monthly_hex',
  'stretch_patrol_days',
  'patrol_days_done',
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
  'incidents',
  'import_batches',
  'district_imports',
  'staff_assignments',
  'staff',
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
  'districts',
] as const;

export async function isSeeded(db: Db): Promise<boolean> {
  const r = await db.query<{ seeded: boolean }>('SELECT EXISTS (SELECT 1 FROM districts) AS seeded');
  return r.rows[0]?.seeded ?? false;
}

export async function resetDistrictData(db: Db): Promise<void> {
  await db.exec(`TRUNCATE ${DISTRICT_TABLES.join(', ')} RESTART IDENTITY`);
}
