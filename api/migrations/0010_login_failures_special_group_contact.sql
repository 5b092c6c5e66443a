-- Failed logins, counted in the database so every API replica applies the same throttle.
-- The key (a username or an address) is stored only as its SHA-256: the table holds no
-- attempted usernames in clear.
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_hash text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_idx ON login_failures (key_hash, at);

-- Identity and phone numbers of special-group records, when an import has them. Nullable:
-- the synthetic demo has none. They leave the API masked only.
ALTER TABLE special_group_records ADD COLUMN id_number text;
ALTER TABLE special_group_records ADD COLUMN phone text;

-- Audit search by action (keyset on id).
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
