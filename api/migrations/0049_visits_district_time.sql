-- Live visits of a district in time order: the dashboard asks where a region's visits begin
-- (records-since.ts), the first live visit of a building in the region, read in time order
-- until one matches instead of every visit of the district (337,000 for a Lianhu-scale year).
CREATE INDEX visits_district_time_live_idx ON visits (district_code, visited_at) WHERE deleted_at IS NULL;
