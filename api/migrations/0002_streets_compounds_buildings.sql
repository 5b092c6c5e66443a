-- The physical city: street centrelines, compounds (小区) and buildings (楼栋).

CREATE TABLE streets (
  district_code char(6) NOT NULL REFERENCES districts (district_code),
  id bigint NOT NULL,
  name text NOT NULL,
  class text NOT NULL CHECK (class IN ('arterial', 'secondary', 'branch', 'lane')),
  geom geometry(LineString, 4326) NOT NULL,
  PRIMARY KEY (district_code, id)
);
CREATE INDEX streets_geom_gist ON streets USING gist (geom);

CREATE TABLE compounds (
  district_code char(6) NOT NULL,
  id bigint NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('residential', 'school', 'hospital', 'enterprise', 'park')),
  community_code text NOT NULL,
  built_year integer,
  boundary geometry(Polygon, 4326) NOT NULL,
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, community_code) REFERENCES regions (district_code, code)
);
CREATE INDEX compounds_boundary_gist ON compounds USING gist (boundary);
CREATE INDEX compounds_community_idx ON compounds (community_code);

-- A footprint is a polygon where surveyed, or a point where only the address is known.
CREATE TABLE buildings (
  district_code char(6) NOT NULL,
  id bigint NOT NULL,
  compound_id bigint,
  community_code text NOT NULL,
  name text NOT NULL,
  footprint geometry(Geometry, 4326) NOT NULL
    CHECK (GeometryType(footprint) IN ('POLYGON', 'POINT')),
  floors integer NOT NULL CHECK (floors >= 0),
  units integer NOT NULL CHECK (units >= 0),
  households integer NOT NULL CHECK (households >= 0),
  persons integer NOT NULL CHECK (persons >= 0),
  PRIMARY KEY (district_code, id),
  FOREIGN KEY (district_code, compound_id) REFERENCES compounds (district_code, id),
  FOREIGN KEY (district_code, community_code) REFERENCES regions (district_code, code)
);
CREATE INDEX buildings_footprint_gist ON buildings USING gist (footprint);
-- Grid counts place a building by the point on its surface; indexing that expression lets
-- PostGIS join buildings to grids without recomputing it per pair.
CREATE INDEX buildings_point_on_surface_gist ON buildings USING gist (ST_PointOnSurface(footprint));
CREATE INDEX buildings_community_idx ON buildings (community_code);
CREATE INDEX buildings_compound_idx ON buildings (district_code, compound_id);
