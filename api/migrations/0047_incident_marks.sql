-- The moments of an incident's closed-loop history that the dashboard's windows ask about,
-- kept per incident: when it was first closed, when first voided, and when dispatched the
-- second time (a failed check sends it back: "returned for rework"). "Closed by T", "voided by
-- T" and "dispatched more than once by T" are then comparisons with T on one row, where the
-- dashboard read every incident's transitions once per window, per month of its 13-month
-- series and for the overdue count (345,408 transitions for a Lianhu-scale year).
--
-- Maintained from incident_transitions by statement-level triggers: the incidents a statement
-- touched are worked out again from all their transitions (so any mix of inserts, updates and
-- deletes, in any order or batch, leaves each row equal to its definition). An incident without
-- transitions has no row. TRUNCATE of the transitions empties it.

CREATE TABLE incident_marks (
  district_code char(6) NOT NULL,
  incident_id bigint NOT NULL,
  closed_at timestamptz,
  voided_at timestamptz,
  redispatched_at timestamptz,
  PRIMARY KEY (district_code, incident_id)
);

-- Works out the rows of the given incidents again; districts[i] goes with ids[i].
CREATE FUNCTION incident_marks_refresh(districts char(6)[], ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_marks m
  USING (SELECT DISTINCT d, i FROM unnest(districts, ids) AS k(d, i)) k
  WHERE m.district_code = k.d AND m.incident_id = k.i;
  INSERT INTO incident_marks (district_code, incident_id, closed_at, voided_at, redispatched_at)
  SELECT t.district_code, t.incident_id,
    min(t.at) FILTER (WHERE t.state = 'closed'),
    min(t.at) FILTER (WHERE t.state = 'voided'),
    (array_agg(t.at ORDER BY t.at) FILTER (WHERE t.state = 'dispatched'))[2]
  FROM incident_transitions t
  JOIN (SELECT DISTINCT d, i FROM unnest(districts, ids) AS k(d, i)) k ON t.district_code = k.d AND t.incident_id = k.i
  GROUP BY t.district_code, t.incident_id;
END $$;

CREATE FUNCTION incident_marks_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  districts char(6)[];
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(r.district_code), array_agg(r.incident_id) INTO districts, ids
    FROM (SELECT DISTINCT district_code, incident_id FROM new_rows) r;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(r.district_code), array_agg(r.incident_id) INTO districts, ids
    FROM (SELECT district_code, incident_id FROM new_rows UNION SELECT district_code, incident_id FROM old_rows) r;
  ELSE
    SELECT array_agg(r.district_code), array_agg(r.incident_id) INTO districts, ids
    FROM (SELECT DISTINCT district_code, incident_id FROM old_rows) r;
  END IF;
  IF districts IS NOT NULL THEN PERFORM incident_marks_refresh(districts, ids); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION incident_marks_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- DELETE, not TRUNCATE: a TRUNCATE naming both tables holds this one open (seed --reset).
  DELETE FROM incident_marks;
  RETURN NULL;
END $$;

CREATE TRIGGER incident_marks_insert AFTER INSERT ON incident_transitions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_marks_written();
CREATE TRIGGER incident_marks_update AFTER UPDATE ON incident_transitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_marks_written();
CREATE TRIGGER incident_marks_delete AFTER DELETE ON incident_transitions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_marks_written();
CREATE TRIGGER incident_marks_truncate AFTER TRUNCATE ON incident_transitions
  FOR EACH STATEMENT EXECUTE FUNCTION incident_marks_truncated();

-- The incidents already there.
INSERT INTO incident_marks (district_code, incident_id, closed_at, voided_at, redispatched_at)
SELECT district_code, incident_id,
  min(at) FILTER (WHERE state = 'closed'),
  min(at) FILTER (WHERE state = 'voided'),
  (array_agg(at ORDER BY at) FILTER (WHERE state = 'dispatched'))[2]
FROM incident_transitions
GROUP BY district_code, incident_id;
