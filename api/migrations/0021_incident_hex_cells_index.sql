-- Monthly hexagon counts (0018) found by the viewport's columns and rows of the hexagon grid,
-- not by scanning every hexagon of the level in the period.
CREATE INDEX incident_monthly_hex_cells ON incident_monthly_hex (district_code, level, i, j);
