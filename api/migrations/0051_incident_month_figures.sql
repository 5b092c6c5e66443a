-- The dashboard's incident figures kept per place and month, and "open past its deadline at T"
-- kept as one range per incident, so that a dashboard worked out from nothing reads a few
-- hundred summary rows instead of every incident of its 13 months with its marks (the incident
-- section was 250–400 ms of a cold district dashboard on the embedded database, 38,446 incidents).
--
-- incident_month_figures: per district, month (Asia/Shanghai, of reported_at) and place (the
-- incident's community, or its district's code for an incident in no community — the key the
-- dashboard's region filter reads), the figures of the incidents reported in that month AS THE
-- MONTH STOOD AT ITS END: count, voided by then, closed by then (first `closed` before the
-- month's end, not voided), closed with closure `overdue`, dispatched a second time by then, the
-- hours to close of the closed ones (float8, big-endian, ascending: a median is not additive, so
-- the values themselves), and the counts per category and per in-force grid. A month window or a
-- month of the series is then the sum of its places' rows and the median of their values.
--
-- Kept exact without redoing a month on every statement of a bulk load: statement-level
-- triggers on incidents and incident_transitions (after the marks) only note the (month, place) keys a write touched
-- in incident_month_dirty; incident_month_figures_settle(district) works the noted keys out
-- again from all their incidents and marks, in one statement, under a per-district lock. The
-- dashboard settles before it reads (a workflow write leaves one or two keys: a few ms), and the
-- seed and the incident import settle at their end, so the first dashboard after a load finds
-- nothing to do.
--
-- incident_overdue_spans: per incident that is ever open past its deadline, the range
-- (max(reported, deadline), min(closed, voided)]: it is open past its deadline at T exactly when
-- the range contains T (an open upper end: never closed or voided). A GiST index answers "how many
-- at T" by visiting only those. Kept per incident at once by the same triggers (linear in the rows
-- written).

CREATE TABLE incident_month_figures (
  district_code char(6) NOT NULL,
  month date NOT NULL,
  place text NOT NULL,
  count integer NOT NULL,
  voided integer NOT NULL,
  closed integer NOT NULL,
  closed_overdue integer NOT NULL,
  returned integer NOT NULL,
  hours bytea NOT NULL,
  categories jsonb NOT NULL,
  grids jsonb NOT NULL,
  PRIMARY KEY (district_code, month, place)
);

CREATE TABLE incident_month_dirty (
  district_code char(6) NOT NULL,
  month date NOT NULL,
  place text NOT NULL,
  PRIMARY KEY (district_code, month, place)
);

CREATE TABLE incident_overdue_spans (
  district_code char(6) NOT NULL,
  incident_id bigint NOT NULL,
  place text NOT NULL,
  span tstzrange NOT NULL,
  PRIMARY KEY (district_code, incident_id)
);
CREATE INDEX incident_overdue_spans_span ON incident_overdue_spans USING gist (span);

-- Works out the overdue ranges of the given incidents again; districts[i] goes with ids[i].
CREATE FUNCTION incident_overdue_spans_refresh(districts char(6)[], ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_overdue_spans s
  USING (SELECT DISTINCT d, i FROM unnest(districts, ids) AS k(d, i)) k
  WHERE s.district_code = k.d AND s.incident_id = k.i;
  INSERT INTO incident_overdue_spans (district_code, incident_id, place, span)
  SELECT i.district_code, i.id, coalesce(i.community_code, i.district_code::text),
    tstzrange(greatest(i.reported_at, i.deadline_at), least(m.closed_at, m.voided_at), '(]')
  FROM (SELECT DISTINCT d, i FROM unnest(districts, ids) AS k(d, i)) k
  JOIN incidents i ON i.district_code = k.d AND i.id = k.i
  LEFT JOIN incident_marks m ON m.district_code = i.district_code AND m.incident_id = i.id
  WHERE i.deadline_at IS NOT NULL
    AND greatest(i.reported_at, i.deadline_at) < coalesce(least(m.closed_at, m.voided_at), 'infinity');
END $$;

-- Works out the district's noted keys again; returns how many. Linear in the incidents of the
-- months the keys span, whatever the plan: the keys are matched as one text per row against a
-- hashed array (no join whose inner side is scanned once per key, which a planner without
-- statistics picks right after a bulk load).
CREATE FUNCTION incident_month_figures_settle(district char(6)) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  keys text[];
  t_lo timestamptz;
  t_hi timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('incident_month_figures:' || district));
  WITH gone AS (DELETE FROM incident_month_dirty WHERE district_code = district RETURNING month, place)
  SELECT array_agg(month::text || '|' || place), min(month)::timestamp AT TIME ZONE 'Asia/Shanghai',
    (max(month) + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'
  INTO keys, t_lo, t_hi FROM gone;
  IF keys IS NULL THEN RETURN 0; END IF;
  DELETE FROM incident_month_figures WHERE district_code = district AND month::text || '|' || place = ANY(keys);
  WITH i AS MATERIALIZED (
    SELECT i.id, i.category, i.grid_code, i.closure, i.reported_at,
      date_trunc('month', i.reported_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
      coalesce(i.community_code, i.district_code::text) AS place
    FROM incidents i
    WHERE i.district_code = district AND i.reported_at >= t_lo AND i.reported_at < t_hi
  ), r AS MATERIALIZED (
    SELECT i.month, i.place, i.category, i.grid_code, i.closure, i.reported_at,
      CASE WHEN m.closed_at < t.t1 THEN m.closed_at END AS closed_at,
      coalesce(m.voided_at < t.t1, false) AS voided,
      coalesce(m.redispatched_at < t.t1, false) AS returned
    FROM i
    CROSS JOIN LATERAL (SELECT (i.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS t1) t
    LEFT JOIN incident_marks m ON m.district_code = district AND m.incident_id = i.id
    WHERE i.month::text || '|' || i.place = ANY(keys)
  ), totals AS (
    SELECT month, place, count(*)::int AS count,
      (count(*) FILTER (WHERE voided))::int AS voided,
      (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided))::int AS closed,
      (count(*) FILTER (WHERE closed_at IS NOT NULL AND NOT voided AND closure = 'overdue'))::int AS closed_overdue,
      (count(*) FILTER (WHERE returned))::int AS returned,
      coalesce(string_agg(float8send((extract(epoch FROM closed_at - reported_at) / 3600)::float8), ''::bytea
        ORDER BY (extract(epoch FROM closed_at - reported_at) / 3600)::float8) FILTER (WHERE closed_at IS NOT NULL AND NOT voided), ''::bytea) AS hours
    FROM r GROUP BY month, place
  ), categories AS (
    SELECT month, place, jsonb_object_agg(category, n) AS categories
    FROM (SELECT month, place, category, count(*)::int AS n FROM r GROUP BY month, place, category) c
    GROUP BY month, place
  ), grids AS (
    SELECT month, place, jsonb_object_agg(grid_code, n) AS grids
    FROM (SELECT month, place, grid_code, count(*)::int AS n FROM r WHERE grid_code IS NOT NULL GROUP BY month, place, grid_code) g
    GROUP BY month, place
  )
  INSERT INTO incident_month_figures (district_code, month, place, count, voided, closed, closed_overdue, returned, hours, categories, grids)
  SELECT district, t.month, t.place, t.count, t.voided, t.closed, t.closed_overdue, t.returned, t.hours,
    c.categories, coalesce(g.grids, '{}'::jsonb)
  FROM totals t
  JOIN categories c ON c.month = t.month AND c.place = t.place
  LEFT JOIN grids g ON g.month = t.month AND g.place = t.place;
  RETURN cardinality(keys);
END $$;

-- Incidents written: their old and new keys noted, their overdue ranges worked out again. An
-- update counts only when it changes what the figures or the ranges read (a workflow step
-- rewrites `state`, the in-force re-assignment `grid_code`).
CREATE FUNCTION incidents_figures_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  districts char(6)[];
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO incident_month_dirty (district_code, month, place)
    SELECT DISTINCT district_code, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(community_code, district_code::text)
    FROM new_rows
    ON CONFLICT DO NOTHING;
    SELECT array_agg(district_code), array_agg(id) INTO districts, ids FROM new_rows WHERE deadline_at IS NOT NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO incident_month_dirty (district_code, month, place)
    SELECT DISTINCT x.district_code, date_trunc('month', x.reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(x.community_code, x.district_code::text)
    FROM old_rows o JOIN new_rows n ON n.district_code = o.district_code AND n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.district_code, o.reported_at, o.community_code), (n.district_code, n.reported_at, n.community_code))
      AS x(district_code, reported_at, community_code)
    WHERE (o.reported_at, o.community_code, o.category, o.grid_code, o.closure)
      IS DISTINCT FROM (n.reported_at, n.community_code, n.category, n.grid_code, n.closure)
    ON CONFLICT DO NOTHING;
    SELECT array_agg(n.district_code), array_agg(n.id) INTO districts, ids
    FROM old_rows o JOIN new_rows n ON n.district_code = o.district_code AND n.id = o.id
    WHERE (o.reported_at, o.deadline_at, o.community_code) IS DISTINCT FROM (n.reported_at, n.deadline_at, n.community_code);
  ELSE
    INSERT INTO incident_month_dirty (district_code, month, place)
    SELECT DISTINCT district_code, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(community_code, district_code::text)
    FROM old_rows
    ON CONFLICT DO NOTHING;
    SELECT array_agg(district_code), array_agg(id) INTO districts, ids FROM old_rows WHERE deadline_at IS NOT NULL;
  END IF;
  IF districts IS NOT NULL THEN PERFORM incident_overdue_spans_refresh(districts, ids); END IF;
  RETURN NULL;
END $$;

-- Transitions written: after their incidents' marks were worked out again (migration 0047's
-- triggers on incident_transitions; triggers of one event fire in name order, and
-- "incident_marks_…" comes before "incident_transitions_figures_…"), the keys of those incidents
-- noted and their overdue ranges worked out again: one pass per statement, where triggers on
-- incident_marks would run twice (its refresh deletes, then inserts).
CREATE FUNCTION incident_transitions_figures_written() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF districts IS NULL THEN RETURN NULL; END IF;
  INSERT INTO incident_month_dirty (district_code, month, place)
  SELECT DISTINCT i.district_code, date_trunc('month', i.reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(i.community_code, i.district_code::text)
  FROM unnest(districts, ids) AS k(d, i)
  JOIN incidents i ON i.district_code = k.d AND i.id = k.i
  ON CONFLICT DO NOTHING;
  PERFORM incident_overdue_spans_refresh(districts, ids);
  RETURN NULL;
END $$;

-- All transitions gone (the marks emptied): every incident's key noted, every range worked out again.
CREATE FUNCTION incident_transitions_figures_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_month_dirty (district_code, month, place)
  SELECT DISTINCT district_code, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(community_code, district_code::text)
  FROM incidents
  ON CONFLICT DO NOTHING;
  DELETE FROM incident_overdue_spans;
  PERFORM incident_overdue_spans_refresh(array_agg(district_code), array_agg(id)) FROM incidents WHERE deadline_at IS NOT NULL;
  RETURN NULL;
END $$;

CREATE FUNCTION incidents_figures_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_month_figures;
  DELETE FROM incident_month_dirty;
  DELETE FROM incident_overdue_spans;
  RETURN NULL;
END $$;

CREATE TRIGGER incidents_figures_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_figures_written();
CREATE TRIGGER incidents_figures_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_figures_written();
CREATE TRIGGER incidents_figures_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_figures_written();
CREATE TRIGGER incidents_figures_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incidents_figures_truncated();
CREATE TRIGGER incident_transitions_figures_insert AFTER INSERT ON incident_transitions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_figures_written();
CREATE TRIGGER incident_transitions_figures_update AFTER UPDATE ON incident_transitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_figures_written();
CREATE TRIGGER incident_transitions_figures_delete AFTER DELETE ON incident_transitions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_figures_written();
CREATE TRIGGER incident_transitions_figures_truncate AFTER TRUNCATE ON incident_transitions
  FOR EACH STATEMENT EXECUTE FUNCTION incident_transitions_figures_truncated();

-- The incidents already there: every key noted and worked out, every range.
INSERT INTO incident_month_dirty (district_code, month, place)
SELECT DISTINCT district_code, date_trunc('month', reported_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(community_code, district_code::text)
FROM incidents;
INSERT INTO incident_overdue_spans (district_code, incident_id, place, span)
SELECT i.district_code, i.id, coalesce(i.community_code, i.district_code::text),
  tstzrange(greatest(i.reported_at, i.deadline_at), least(m.closed_at, m.voided_at), '(]')
FROM incidents i
LEFT JOIN incident_marks m ON m.district_code = i.district_code AND m.incident_id = i.id
WHERE i.deadline_at IS NOT NULL
  AND greatest(i.reported_at, i.deadline_at) < coalesce(least(m.closed_at, m.voided_at), 'infinity');
SELECT incident_month_figures_settle(district_code) FROM districts;
