-- Foundation: organisation structure, accounts, project roles, sessions and the audit log.

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE organisations IS 'A municipality or other body that runs labour-market projects.';

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, name)
);
COMMENT ON TABLE units IS 'A part of an organisation, e.g. the labour-market unit (arbetsmarknadsenhet).';

CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  description text,
  planned_months int CHECK (planned_months BETWEEN 1 AND 60),
  target_min_age int CHECK (target_min_age BETWEEN 15 AND 100),
  target_max_age int CHECK (target_max_age BETWEEN 15 AND 100),
  target_note text,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (target_min_age IS NULL OR target_max_age IS NULL OR target_min_age <= target_max_age)
);
COMMENT ON TABLE projects IS 'A programme (insats) with its own participants, staff, code lists and reports.';
COMMENT ON COLUMN projects.slug IS 'Short stable name used on the command line and in file names.';
COMMENT ON COLUMN projects.planned_months IS 'Default planned participation time for a new enrolment.';
COMMENT ON COLUMN projects.target_min_age IS 'Lowest age of the target group at referral; NULL for no lower bound.';

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  password_hash text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
  totp_secret text,
  totp_pending_secret text,
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE users IS 'Staff and participant accounts. Personal data: name and e-mail of the account holder.';
COMMENT ON COLUMN users.email IS 'Personal data: login name, stored in lower case.';
COMMENT ON COLUMN users.name IS 'Personal data: the account holder''s name as shown to colleagues.';
COMMENT ON COLUMN users.password_hash IS 'argon2id hash; the password itself is never stored.';
COMMENT ON COLUMN users.totp_secret IS 'Base32 TOTP secret once two-factor is enabled; NULL when off.';
COMMENT ON COLUMN users.totp_pending_secret IS 'Secret offered during set-up, until the user confirms it with a code.';

CREATE TABLE project_memberships (
  user_id uuid NOT NULL REFERENCES users(id),
  project_id uuid NOT NULL REFERENCES projects(id),
  role text NOT NULL CHECK (role IN ('manager', 'coach', 'statistician', 'participant')),
  sensitive_access boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, project_id)
);
CREATE INDEX project_memberships_project ON project_memberships (project_id);
COMMENT ON COLUMN project_memberships.sensitive_access IS 'May open the sensitive sections (health, violence) of this project''s participants.';

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  client_address text
);
CREATE INDEX sessions_user ON sessions (user_id);
COMMENT ON TABLE sessions IS 'Server-side sessions; the cookie holds a random token whose SHA-256 is the key here.';
COMMENT ON COLUMN sessions.expires_at IS 'Absolute end of the session, whatever the activity.';
COMMENT ON COLUMN sessions.client_address IS 'Personal data: IP address the session was opened from.';

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);
COMMENT ON TABLE login_throttle IS 'Failed logins per e-mail address, for the temporary lockout. Rows are removed on success.';
COMMENT ON COLUMN login_throttle.key IS 'Personal data: the lower-cased e-mail address that was tried.';

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  subject_type text,
  subject_id text,
  project_id uuid,
  client_address text,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  details jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_subject ON audit_log (subject_id, at DESC);
COMMENT ON TABLE audit_log IS 'Append-only record of logins, denials and every read or write of a person''s data.';
COMMENT ON COLUMN audit_log.actor_label IS 'Personal data: e-mail of the acting user (or "system"), kept even if the account is later changed.';
COMMENT ON COLUMN audit_log.client_address IS 'Personal data: IP address of the request.';
COMMENT ON COLUMN audit_log.details IS 'What was read or changed (field names, before/after); never passwords or tokens.';

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
