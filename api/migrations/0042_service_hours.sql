-- Service hours posted on grid notice boards (issue 17): one text per district, which a
-- community may override, in the board's two languages. Administrators edit them in the app
-- (profiles.edit, like the district's other settings); every change is audited
-- (notice_boards.service_hours). Keyed by district code like every district table.
CREATE TABLE service_hours (
  district_code char(6) NOT NULL REFERENCES districts (district_code),
  -- The district's own code (its default) or a community's code (its override).
  region_code text NOT NULL,
  zh text NOT NULL CHECK (length(zh) BETWEEN 1 AND 120),
  en text NOT NULL CHECK (length(en) BETWEEN 1 AND 120),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_code, region_code),
  -- A community removed by a boundary import takes its override with it.
  FOREIGN KEY (district_code, region_code) REFERENCES regions (district_code, code) ON DELETE CASCADE
);
