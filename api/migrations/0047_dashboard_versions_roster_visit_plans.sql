-- The dashboard version (0037) also moves with what the dashboard reads since 0038 and 0040:
-- the district's staffing model (district_staff_models) and the models' roles (staff_models,
-- staff_model_roles: shared by every district), and the district's visit plan (visit_plans,
-- read through district_visit_cadences). Without it a kept dashboard would outlive a change of
-- the required roles or of a category's cadence.

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['district_staff_models', 'visit_plans'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_written()', t || '_dashboard_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_everywhere()', t || '_dashboard_truncate', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['staff_models', 'staff_model_roles'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versions_everywhere()', t || '_dashboard_written', t);
  END LOOP;
END $$;
