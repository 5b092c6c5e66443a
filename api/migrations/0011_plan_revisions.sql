-- One row per saved version of a plan's grids: who saved it, when, and which grid codes the
-- save added and removed, so a stale save (409) can say what changed since the version it edited.

CREATE TABLE plan_revisions (
  district_code char(6) NOT NULL,
  plan_id bigint NOT NULL,
  version integer NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  saved_by text NOT NULL,
  added text[] NOT NULL DEFAULT '{}',
  removed text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (district_code, plan_id, version),
  FOREIGN KEY (district_code, plan_id) REFERENCES plans (district_code, id) ON DELETE CASCADE
);
