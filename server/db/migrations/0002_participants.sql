-- Participant lifecycle: code lists, persons, referrals, intakes, enrolments with background,
-- income sources, consents, extensions, pauses and exits.

CREATE TABLE codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  list text NOT NULL CHECK (list IN ('referring_party', 'exit_status', 'income_type', 'education_level', 'activity_type', 'extension_reason', 'step')),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  label text NOT NULL,
  national_category text,
  sort_order int NOT NULL DEFAULT 0,
  retired_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, list, code)
);
COMMENT ON TABLE codes IS 'A project''s own code lists; each code maps to a national category (DIS/SUS, ESF, report column) so reports stay comparable.';
COMMENT ON COLUMN codes.national_category IS 'The national or report category this local code counts as, e.g. DIS group "Kom" or report column "anstallning".';
COMMENT ON COLUMN codes.retired_at IS 'A retired code stays on old records but cannot be chosen for new ones.';

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  first_name text NOT NULL,
  last_name text NOT NULL,
  sort_name text NOT NULL,
  gender text NOT NULL CHECK (gender IN ('kvinna', 'man', 'annat')),
  birth_date date NOT NULL,
  personnummer text CHECK (personnummer ~ '^\d{8}-\d{4}$'),
  protected_identity boolean NOT NULL DEFAULT false,
  phone text,
  email text,
  address text,
  postal_code text,
  city text,
  language text,
  interpreter_needed boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT protected_identity OR (personnummer IS NULL AND address IS NULL AND postal_code IS NULL))
);
CREATE UNIQUE INDEX persons_personnummer ON persons (organisation_id, personnummer) WHERE personnummer IS NOT NULL;
CREATE INDEX persons_name_birth ON persons (organisation_id, lower(last_name), lower(first_name), birth_date);
CREATE INDEX persons_sort_name ON persons (sort_name COLLATE "C");
COMMENT ON TABLE persons IS 'A participant as a person; each period in a project is its own enrolment. Personal data throughout.';
COMMENT ON COLUMN persons.first_name IS 'Personal data.';
COMMENT ON COLUMN persons.last_name IS 'Personal data.';
COMMENT ON COLUMN persons.sort_name IS 'Last and first name folded so that byte order is Swedish alphabetical order (Å Ä Ö last); personal data.';
COMMENT ON COLUMN persons.gender IS 'Personal data: kvinna, man or annat, as used in the statistics.';
COMMENT ON COLUMN persons.birth_date IS 'Personal data: used for age and target-group checks.';
COMMENT ON COLUMN persons.personnummer IS 'Personal data (identity number): personnummer or samordningsnummer as YYYYMMDD-NNNN; shown masked; opening it is logged. NULL with protected identity.';
COMMENT ON COLUMN persons.protected_identity IS 'Skyddad identitet: no personnummer or address is stored; counted anonymously.';
COMMENT ON COLUMN persons.phone IS 'Personal data: contact.';
COMMENT ON COLUMN persons.email IS 'Personal data: contact.';
COMMENT ON COLUMN persons.address IS 'Personal data: street address; NULL with protected identity.';
COMMENT ON COLUMN persons.postal_code IS 'Personal data.';
COMMENT ON COLUMN persons.city IS 'Personal data: place of residence (used on the DIS/SUS form).';
COMMENT ON COLUMN persons.language IS 'Personal data: preferred language.';
COMMENT ON COLUMN persons.interpreter_needed IS 'Personal data: needs an interpreter at meetings.';

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  referred_on date NOT NULL,
  referring_party_code text NOT NULL,
  contact_person text,
  note text,
  decision text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'accepted', 'declined', 'waiting_list')),
  decided_on date,
  decline_reason text,
  outside_target_group boolean NOT NULL DEFAULT false,
  outside_target_reasons text[] NOT NULL DEFAULT '{}',
  override_reason text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decision <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX referrals_project_decision ON referrals (project_id, decision, referred_on);
CREATE INDEX referrals_person ON referrals (person_id);
COMMENT ON TABLE referrals IS 'Aktualisering: someone proposes a person for the project; the decision accepts, declines or puts on the waiting list.';
COMMENT ON COLUMN referrals.contact_person IS 'Personal data: the contact at the referring party.';
COMMENT ON COLUMN referrals.note IS 'Personal data: free text about the referral.';
COMMENT ON COLUMN referrals.outside_target_group IS 'True when the person fell outside the project''s target group at referral (e.g. age).';
COMMENT ON COLUMN referrals.override_reason IS 'The manager''s written reason for accepting a referral outside the target group.';

CREATE TABLE intakes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  name text NOT NULL,
  start_date date NOT NULL,
  group_sessions_per_week numeric(4,1),
  hours_per_session numeric(4,1),
  weeks int,
  individual_meetings_per_week numeric(4,1),
  mode text NOT NULL DEFAULT 'on_site' CHECK (mode IN ('on_site', 'distance', 'mixed')),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);
COMMENT ON TABLE intakes IS 'Intag: a cohort starting together, with its introduction format.';

CREATE TABLE enrolments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  intake_id uuid REFERENCES intakes(id),
  referral_id uuid REFERENCES referrals(id),
  team_id uuid REFERENCES teams(id),
  coach_id uuid REFERENCES users(id),
  start_date date NOT NULL,
  planned_months int NOT NULL CHECK (planned_months BETWEEN 1 AND 60),
  planned_end_date date NOT NULL,
  referring_party_code text,
  education_level_code text,
  education_completed boolean,
  has_had_employment boolean NOT NULL DEFAULT false,
  has_had_internship boolean NOT NULL DEFAULT false,
  main_income_code text,
  main_income_overridden boolean NOT NULL DEFAULT false,
  exit_date date,
  exit_status_code text,
  exit_final boolean,
  next_instance text,
  not_counted boolean NOT NULL DEFAULT false,
  not_counted_reason text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (exit_date IS NULL OR exit_date >= start_date),
  CHECK (exit_date IS NULL OR (exit_status_code IS NOT NULL AND exit_final IS NOT NULL)),
  CHECK (NOT not_counted OR not_counted_reason IS NOT NULL)
);
CREATE INDEX enrolments_project_start ON enrolments (project_id, start_date);
CREATE INDEX enrolments_person ON enrolments (person_id, start_date);
CREATE INDEX enrolments_coach ON enrolments (coach_id) WHERE exit_date IS NULL;
CREATE INDEX enrolments_intake ON enrolments (intake_id);
COMMENT ON TABLE enrolments IS 'Inskrivning: one period of a person in a project, with the background recorded at entry and the exit. Personal data.';
COMMENT ON COLUMN enrolments.planned_end_date IS 'Start date plus planned months, moved by extensions.';
COMMENT ON COLUMN enrolments.referring_party_code IS 'The party of the referral that led to this enrolment (statistics).';
COMMENT ON COLUMN enrolments.education_level_code IS 'Personal data: highest education at entry (code list education_level).';
COMMENT ON COLUMN enrolments.has_had_employment IS 'Personal data: work experience at entry — has had an employment.';
COMMENT ON COLUMN enrolments.has_had_internship IS 'Personal data: work experience at entry — has had an internship.';
COMMENT ON COLUMN enrolments.main_income_code IS 'Personal data: main income at entry; derived from the largest share unless overridden.';
COMMENT ON COLUMN enrolments.exit_status_code IS 'Personal data: status at exit (code list exit_status).';
COMMENT ON COLUMN enrolments.exit_final IS 'Final exit (counted in results) or temporary.';
COMMENT ON COLUMN enrolments.next_instance IS 'Personal data: who takes over after the exit.';
COMMENT ON COLUMN enrolments.not_counted IS 'Left out of every statistics table; the reason is shown in the report notes.';

CREATE TABLE enrolment_incomes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  phase text NOT NULL CHECK (phase IN ('entry', 'exit')),
  income_code text NOT NULL,
  share int NOT NULL CHECK (share IN (25, 50, 75, 100)),
  UNIQUE (enrolment_id, phase, income_code)
);
COMMENT ON TABLE enrolment_incomes IS 'Personal data: income sources at entry and exit, each with a share of full time (DIS).';

CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  purpose text NOT NULL CHECK (purpose IN ('information_exchange', 'sus_registration', 'esf_reporting', 'follow_up_contact', 'share_final_document')),
  receiving_party text NOT NULL,
  given_on date NOT NULL,
  withdrawn_on date,
  note text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_enrolment ON consents (enrolment_id);
COMMENT ON TABLE consents IS 'Personal data: consents per receiving party and purpose; a withdrawal takes effect at once.';

CREATE TABLE extensions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  decided_on date NOT NULL,
  previous_planned_end date NOT NULL,
  new_planned_end date NOT NULL CHECK (new_planned_end > previous_planned_end),
  reason_code text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extensions_enrolment ON extensions (enrolment_id);
COMMENT ON TABLE extensions IS 'Förlängning: a decided move of the planned end, with its reason (reported to the steering group).';

CREATE TABLE pauses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date >= from_date),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pauses_enrolment ON pauses (enrolment_id);
COMMENT ON TABLE pauses IS 'A pause stops the clock: time in the programme excludes it. Reason is personal data.';
