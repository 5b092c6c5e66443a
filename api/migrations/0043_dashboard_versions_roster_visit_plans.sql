-- The dashboard kept under its versions (0037) also reads what issue 18 added: the district's
-- staffing model and its roles (0038: which roles a grid must have, hence vacancies) and the
-- district's visit plan (0040: cadences, hence visits due). A write to any of them moves the
-- version of the districts it names, or of every district for the shared model tables, so a
-- kept dashboard is never answered after its staffing or visit rules changed.
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
