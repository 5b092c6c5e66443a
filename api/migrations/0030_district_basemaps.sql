-- A district's basemap under GridAtlas's own layers (issue 14): the offline style by default,
-- or a PMTiles archive from the server's basemap folder, or Tianditu's vector and imagery
-- services with the district's browser key (tk) and the review number (审图号) its terms
-- require on the map. Every user of the district reads it; admins change it.

CREATE TABLE district_basemaps (
  district_code char(6) PRIMARY KEY REFERENCES districts (district_code),
  default_basemap text NOT NULL DEFAULT 'offline'
    CHECK (default_basemap IN ('offline', 'pmtiles', 'tianditu-vector', 'tianditu-imagery')),
  -- A file name in the basemap folder (GRIDATLAS_BASEMAP_DIR), never a path.
  pmtiles_file text CHECK (pmtiles_file ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.pmtiles$'),
  pmtiles_attribution text,
  tianditu_key text CHECK (tianditu_key ~ '^[0-9a-f]{32}$'),
  tianditu_review_number text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK ((tianditu_key IS NULL) = (tianditu_review_number IS NULL)),
  CHECK (default_basemap <> 'pmtiles' OR pmtiles_file IS NOT NULL),
  CHECK (default_basemap NOT LIKE 'tianditu-%' OR tianditu_key IS NOT NULL)
);

UPDATE roles SET permissions = permissions || '["basemaps.edit"]'::jsonb
WHERE key = 'admin' AND NOT permissions ? 'basemaps.edit';
