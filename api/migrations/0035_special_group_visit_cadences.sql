-- How often each special-group category must be visited (走访), for the dashboard's "visits
-- due and done" (issue 17). Data, so a deployment can follow its own rules. Defaults after
-- the Panzhihua workshop's "三必访": ordinary families every year, people in hardship, the
-- disabled and key-assistance people every quarter, elderly people living alone every month.
-- Categories the report does not name: those under supervision (community correction, drug
-- users, severe mental illness) monthly, released prisoners and petitioners quarterly,
-- veterans yearly like ordinary families.
CREATE TABLE special_group_visit_cadences (
  category text PRIMARY KEY CHECK (category IN ('elderly_alone', 'disabled', 'low_income', 'veteran',
    'released_prisoner', 'community_correction', 'drug_user', 'mental_illness', 'petitioner')),
  cadence text NOT NULL CHECK (cadence IN ('monthly', 'quarterly', 'yearly')),
  source text NOT NULL
);

INSERT INTO special_group_visit_cadences (category, cadence, source) VALUES
  ('elderly_alone', 'monthly', '攀枝花“三必访”：独居老人每月必访'),
  ('disabled', 'quarterly', '攀枝花“三必访”：残疾家庭每季度必访'),
  ('low_income', 'quarterly', '攀枝花“三必访”：困难群众每季度必访'),
  ('veteran', 'yearly', '默认：同普通家庭每年必访'),
  ('released_prisoner', 'quarterly', '攀枝花“三必访”：重点帮扶人员每季度必访'),
  ('community_correction', 'monthly', '默认：在管人员每月走访'),
  ('drug_user', 'monthly', '默认：在管人员每月走访'),
  ('mental_illness', 'monthly', '默认：在管人员每月走访'),
  ('petitioner', 'quarterly', '默认：重点人员每季度走访');
