-- Imports name their coordinate system in any form parseCrs reads (EPSG:4527, a proj4
-- string, WKT, gcj02 …), not only the four short words 0014 allowed; KML is one of the
-- import formats (its batches could not be written); and the repairs the normalising step
-- made to positions (Z dropped, a MultiPoint of one point …) are kept per reason beside the
-- rejections, e.g. {"z_dropped": 12}.

ALTER TABLE import_batches DROP CONSTRAINT import_batches_source_crs_check;
ALTER TABLE import_batches DROP CONSTRAINT import_batches_format_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_format_check CHECK (format IN ('csv', 'geojson', 'xlsx', 'shp', 'kml', 'gpx'));
ALTER TABLE import_batches ADD COLUMN repairs jsonb NOT NULL DEFAULT '{}';
