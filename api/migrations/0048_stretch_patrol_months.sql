-- The kept patrol days of a stretch (0017's stretch_patrol_days: one row per stretch and day a
-- track came within 30 m) packed per month: bit d-1 of `days` is set when the stretch was
-- patrolled on day d of `month` (Asia/Shanghai). A reader asking "which stretches were patrolled
-- in these days" reads one row per stretch and month instead of one per stretch and day — for
-- a Lianhu-scale district patrolled daily, 216,000 rows for three months instead of 5.7 million.
--
-- Kept by statement-level triggers on stretch_patrol_days: days inserted set their bits, days
-- deleted (a day forgotten when its tracks change, streets rebuilt, stretches deleted by
-- cascade) clear theirs, and a month left with no day goes. A (stretch, day) is one row of
-- stretch_patrol_days (its key), so clearing a deleted day's bit is exact. TRUNCATE empties it.

CREATE TABLE stretch_patrol_months (
  district_code char(6) NOT NULL,
  stretch_id bigint NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  days integer NOT NULL,
  PRIMARY KEY (district_code, month, stretch_id),
  FOREIGN KEY (district_code, stretch_id) REFERENCES street_stretches (district_code, id) ON DELETE CASCADE
);
CREATE INDEX stretch_patrol_months_stretch ON stretch_patrol_months (district_code, stretch_id);

-- The bit of a day in its month's `days`.
CREATE FUNCTION patrol_day_bit(day date) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (1 << (extract(day FROM day)::int - 1))::integer
$$;

CREATE FUNCTION stretch_patrol_months_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stretch_patrol_months AS m (district_code, stretch_id, month, days)
  SELECT n.district_code, n.stretch_id, date_trunc('month', n.day)::date, bit_or(patrol_day_bit(n.day))
  FROM new_rows n
  GROUP BY n.district_code, date_trunc('month', n.day)::date, n.stretch_id
  ORDER BY 1, 3, 2
  ON CONFLICT (district_code, month, stretch_id) DO UPDATE SET days = m.days | excluded.days;
  RETURN NULL;
END $$;

CREATE FUNCTION stretch_patrol_months_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT o.district_code, o.stretch_id, date_trunc('month', o.day)::date AS month, bit_or(patrol_day_bit(o.day)) AS days
    FROM old_rows o
    GROUP BY 1, 3, 2
  )
  UPDATE stretch_patrol_months m SET days = m.days & ~g.days
  FROM gone g
  WHERE m.district_code = g.district_code AND m.month = g.month AND m.stretch_id = g.stretch_id;
  DELETE FROM stretch_patrol_months m
  WHERE m.days = 0 AND (m.district_code, m.month) IN (SELECT DISTINCT o.district_code, date_trunc('month', o.day)::date FROM old_rows o);
  RETURN NULL;
END $$;

CREATE FUNCTION stretch_patrol_months_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- DELETE, not TRUNCATE: a TRUNCATE naming both tables holds this one open (seed --reset).
  DELETE FROM stretch_patrol_months;
  RETURN NULL;
END $$;

CREATE TRIGGER stretch_patrol_months_insert AFTER INSERT ON stretch_patrol_days REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stretch_patrol_months_add();
CREATE TRIGGER stretch_patrol_months_delete AFTER DELETE ON stretch_patrol_days REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stretch_patrol_months_remove();
-- An update moves a day: its old bit cleared, then its new one set (triggers of one event fire
-- in name order).
CREATE TRIGGER stretch_patrol_months_update_1_old AFTER UPDATE ON stretch_patrol_days REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stretch_patrol_months_remove();
CREATE TRIGGER stretch_patrol_months_update_2_new AFTER UPDATE ON stretch_patrol_days REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stretch_patrol_months_add();
CREATE TRIGGER stretch_patrol_months_truncate AFTER TRUNCATE ON stretch_patrol_days
  FOR EACH STATEMENT EXECUTE FUNCTION stretch_patrol_months_truncated();

-- The days already kept.
INSERT INTO stretch_patrol_months (district_code, stretch_id, month, days)
SELECT district_code, stretch_id, date_trunc('month', day)::date, bit_or(patrol_day_bit(day))
FROM stretch_patrol_days
GROUP BY 1, 3, 2;
