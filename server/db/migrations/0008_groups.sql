-- Group activities: groups with leaders, sessions generated from a weekly pattern and edited one
-- by one, the participants (enrolments) in each group, and an attendance register per session.

CREATE TABLE groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  intake_id uuid REFERENCES intakes(id),
  name text NOT NULL,
  theme_plan text,
  mode text NOT NULL DEFAULT 'on_site' CHECK (mode IN ('on_site', 'distance')),
  location text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'finished', 'cancelled')),
  pattern jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);
CREATE INDEX groups_project ON groups (project_id);
COMMENT ON TABLE groups IS 'Gruppaktivitet: a group that meets in sessions, e.g. a three-week introduction group of an intake.';
COMMENT ON COLUMN groups.intake_id IS 'The intake the group belongs to, if any.';
COMMENT ON COLUMN groups.theme_plan IS 'The leaders'' plan of themes over the weeks, free text. Not about any one person.';
COMMENT ON COLUMN groups.mode IS 'on_site or distance.';
COMMENT ON COLUMN groups.location IS 'Where the group meets (address, room or link).';
COMMENT ON COLUMN groups.pattern IS 'The session pattern last used to generate sessions: start date, weeks, ISO weekdays, local start time (Europe/Stockholm), minutes, skipped dates.';

CREATE TABLE group_leaders (
  group_id uuid NOT NULL REFERENCES groups(id),
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_leaders_user ON group_leaders (user_id);
COMMENT ON TABLE group_leaders IS 'Staff (coaches and managers of the project) who lead the group.';

CREATE TABLE group_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES groups(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  theme text CHECK (theme IN ('empowerment', 'working_life', 'everyday_life', 'guest_lecturer', 'other')),
  theme_note text,
  guest_name text,
  guest_organisation text,
  cancelled boolean NOT NULL DEFAULT false,
  cancel_reason text,
  edited boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX group_sessions_group ON group_sessions (group_id, starts_at);
COMMENT ON TABLE group_sessions IS 'Gruppträff: one meeting of a group.';
COMMENT ON COLUMN group_sessions.theme IS 'empowerment (egenmakt), working_life (rights and duties in working life), everyday_life (vardagsliv), guest_lecturer, other; NULL until decided.';
COMMENT ON COLUMN group_sessions.theme_note IS 'The topic in the leaders'' words; required for theme other.';
COMMENT ON COLUMN group_sessions.guest_name IS 'Personal data: name of an invited guest lecturer (not a participant).';
COMMENT ON COLUMN group_sessions.guest_organisation IS 'The guest lecturer''s organisation.';
COMMENT ON COLUMN group_sessions.edited IS 'Changed by hand after generation (moved, cancelled, theme set); a new pattern never replaces such a session.';

CREATE TABLE group_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES groups(id),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  from_date date NOT NULL,
  to_date date,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (group_id, enrolment_id),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX group_members_enrolment ON group_members (enrolment_id);
COMMENT ON TABLE group_members IS 'A participant (enrolment) in a group for a period. Personal data.';
COMMENT ON COLUMN group_members.enrolment_id IS 'Personal data: whose participation this is.';
COMMENT ON COLUMN group_members.from_date IS 'Personal data: first day in the group.';
COMMENT ON COLUMN group_members.to_date IS 'Personal data: last day in the group; NULL while the person stays.';

CREATE TABLE group_attendance (
  session_id uuid NOT NULL REFERENCES group_sessions(id),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  status text NOT NULL CHECK (status IN ('present', 'absent_notified', 'absent_unnotified')),
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, enrolment_id)
);
CREATE INDEX group_attendance_enrolment ON group_attendance (enrolment_id);
COMMENT ON TABLE group_attendance IS 'Attendance register: one row per participant and session once recorded. Personal data.';
COMMENT ON COLUMN group_attendance.enrolment_id IS 'Personal data: whose attendance this is.';
COMMENT ON COLUMN group_attendance.status IS 'Personal data: present, absent with notice (absent_notified) or absent without notice (absent_unnotified).';
COMMENT ON COLUMN group_attendance.recorded_by IS 'The staff member who registered the attendance.';
