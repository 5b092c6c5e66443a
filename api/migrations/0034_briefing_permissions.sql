-- Leaders' briefings (issue 17): the dashboard, briefings and report exports are new
-- permissions. Existing databases give them to the default roles that the code gives them to
-- (admin all three; analyst and leader all three; planner the exports, for notice boards),
-- leaving roles an admin has changed otherwise as they are.
UPDATE roles SET permissions = permissions || '["dashboard.read"]'::jsonb
WHERE key IN ('admin', 'analyst', 'leader') AND NOT permissions ? 'dashboard.read';
UPDATE roles SET permissions = permissions || '["briefings.edit"]'::jsonb
WHERE key IN ('admin', 'analyst', 'leader') AND NOT permissions ? 'briefings.edit';
UPDATE roles SET permissions = permissions || '["reports.export"]'::jsonb
WHERE key IN ('admin', 'planner', 'analyst', 'leader') AND NOT permissions ? 'reports.export';
