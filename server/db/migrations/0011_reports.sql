-- Reports: per-project report settings (small-cell threshold, follow-up points), the manager's
-- narrative sections of the annual report, effect goals, economy (budget and outcome) and
-- follow-ups after exit.

CREATE TABLE report_settings (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  suppression_threshold int NOT NULL DEFAULT 4 CHECK (suppression_threshold BETWEEN 1 AND 20),
  follow_up_months int[] NOT NULL DEFAULT '{6,24}',
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_texts (
  project_id uuid NOT NULL REFERENCES projects(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  section text NOT NULL CHECK (section IN ('summary', 'target_group', 'statistics_analysis', 'economy', 'economy_analysis', 'activities', 'activities_analysis', 'collaboration', 'swot')),
  body text NOT NULL DEFAULT '',
  version int NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, year, section)
);
COMMENT ON COLUMN report_texts.body IS 'Personal data: free text written by the manager; may mention participants (e.g. participant journeys)';

CREATE TABLE project_goals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  measure text NOT NULL CHECK (measure IN ('participants', 'share_work_studies_internship', 'share_work_after_exit', 'share_studies_after_exit', 'share_satisfied')),
  target numeric(10,1) NOT NULL CHECK (target >= 0),
  -- Only for measures the record cannot count (satisfaction surveys): entered by hand.
  manual_actual numeric(10,1) CHECK (manual_actual >= 0),
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, year, measure)
);

CREATE TABLE economy_lines (
  project_id uuid NOT NULL REFERENCES projects(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  cost_type text NOT NULL CHECK (cost_type IN ('staff', 'premises', 'competence', 'other')),
  budget int NOT NULL DEFAULT 0 CHECK (budget >= 0),
  outcome int NOT NULL DEFAULT 0 CHECK (outcome >= 0),
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, year, cost_type)
);

CREATE TABLE follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  months int NOT NULL CHECK (months BETWEEN 1 AND 120),
  done_on date NOT NULL,
  reached boolean NOT NULL,
  status_code text,
  note text,
  version int NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, months),
  CHECK (reached OR status_code IS NULL)
);
COMMENT ON COLUMN follow_ups.done_on IS 'Personal data: when the participant was followed up';
COMMENT ON COLUMN follow_ups.reached IS 'Personal data: whether the participant could be reached at follow-up';
COMMENT ON COLUMN follow_ups.status_code IS 'Personal data: the participant''s status at follow-up (exit_status code list)';
COMMENT ON COLUMN follow_ups.note IS 'Personal data: free-text note on the follow-up';
