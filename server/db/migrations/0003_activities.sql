-- Activities during the programme (internship, employment, studies, health, validation …) and
-- the coach's tasks that follow from them.

CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  type_code text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  extent_unit text CHECK (extent_unit IN ('percent', 'hours_per_week')),
  extent_value numeric(5,1) CHECK (extent_value > 0),
  purpose text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'ended', 'interrupted')),
  interrupted_reason text,
  coach_id uuid REFERENCES users(id),
  notes text,
  details jsonb NOT NULL DEFAULT '{"kind": "none"}',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK ((extent_unit IS NULL) = (extent_value IS NULL)),
  CHECK (status <> 'interrupted' OR interrupted_reason IS NOT NULL)
);
CREATE INDEX activities_enrolment ON activities (enrolment_id, start_date);
COMMENT ON TABLE activities IS 'Insats: something a participant does during an enrolment. Several may run at once. Personal data.';
COMMENT ON COLUMN activities.type_code IS 'Personal data: the kind of activity (project code list activity_type; its national category decides the report column and the shape of details).';
COMMENT ON COLUMN activities.start_date IS 'Personal data: first day of the activity, on or after the enrolment''s start.';
COMMENT ON COLUMN activities.end_date IS 'Personal data: last day; NULL while the activity goes on. On or before the exit date of an exited enrolment.';
COMMENT ON COLUMN activities.extent_unit IS 'Personal data: how the extent is given — percent of full time or hours per week.';
COMMENT ON COLUMN activities.extent_value IS 'Personal data: the extent in extent_unit.';
COMMENT ON COLUMN activities.purpose IS 'Personal data: free text, why the person does this.';
COMMENT ON COLUMN activities.status IS 'Personal data: planned, ongoing, ended or interrupted.';
COMMENT ON COLUMN activities.interrupted_reason IS 'Personal data: why an interrupted activity was broken off.';
COMMENT ON COLUMN activities.coach_id IS 'The coach responsible for the activity.';
COMMENT ON COLUMN activities.notes IS 'Personal data: the coach''s notes.';
COMMENT ON COLUMN activities.details IS 'Personal data: the fields of the activity''s kind as JSON, validated by the server (internship: employer, workplace, supervisor, purpose, AF decision; employment: form, internal/external, wage cost, state subsidy, top-up share; studies: provider, level, Supported Education; validation: field, result).';

CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  kind text NOT NULL CHECK (kind IN ('new_planning')),
  activity_id uuid REFERENCES activities(id),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES users(id),
  CHECK ((done_at IS NULL) = (done_by IS NULL))
);
CREATE INDEX tasks_open ON tasks (enrolment_id) WHERE done_at IS NULL;
COMMENT ON TABLE tasks IS 'Something the coach should do for a participant, e.g. plan anew when an activity ends.';
COMMENT ON COLUMN tasks.activity_id IS 'The activity whose end gave rise to the task, if any.';
COMMENT ON COLUMN tasks.reason IS 'Personal data: why the task exists, e.g. which activity ended and how.';
COMMENT ON COLUMN tasks.done_by IS 'The user who marked the task done.';
