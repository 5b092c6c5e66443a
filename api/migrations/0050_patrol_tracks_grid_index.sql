-- A grid's tracks are read through (district_code, grid_code, ended_at DESC) (0020) only. The
-- older index on grid_code alone (0007) served no query that the wider one does not (every
-- reader names the district), and the planner preferred it for "this grid's tracks ending
-- after T": it then read every track the grid ever had and threw away all but the last few
-- (57 of 58 per grid, for each of a dashboard's windows, in a Lianhu-scale district).
DROP INDEX IF EXISTS patrol_tracks_grid_idx;
