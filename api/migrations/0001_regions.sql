-- Administrative regions: district (区) → subdistrict (街道) → community (社区).
-- Every table holding district data carries district_code char(6) and has it in its primary
-- key and in every foreign key, so a distributed PostgreSQL (Citus) can shard by it later.

CREATE TABLE districts (
  district_code char(6) PRIMARY KEY CHECK (district_code ~ '^\d{6}$'),
  synthetic boolean NOT NULL DEFAULT false,
  -- How the data came in: demo generator scale and seed, or an import's name.
  scale text,
  seed integer,
  reference_date date,
  seeded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE regions (
  district_code char(6) NOT NULL REFERENCES districts (district_code),
  code text NOT NULL CHECK (code ~ '^\d{6}(\d{3}){0,2}$'),
  level text NOT NULL CHECK (level IN ('district', 'subdistrict', 'community')),
  parent_code text,
  name text NOT NULL,
  boundary geometry(Geometry, 4326) NOT NULL
    CHECK (GeometryType(boundary) IN ('POLYGON', 'MULTIPOLYGON')),
  PRIMARY KEY (district_code, code),
  FOREIGN KEY (district_code, parent_code) REFERENCES regions (district_code, code),
  CHECK (left(code, 6) = district_code),
  CHECK (length(code) = CASE level WHEN 'district' THEN 6 WHEN 'subdistrict' THEN 9 ELSE 12 END)
);
CREATE INDEX regions_boundary_gist ON regions USING gist (boundary);
CREATE INDEX regions_parent_idx ON regions (district_code, parent_code);
