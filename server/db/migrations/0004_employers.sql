-- The employer network (arbetsgivarnätverk): employers, their workplaces and contact people,
-- the team's contact log, and the link from an activity (internship, employment …) to the place.
-- Employers belong to the organisation, so the organisation's projects share one register.

CREATE TABLE employers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  organisation_number text CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
  sector text NOT NULL CHECK (sector IN ('municipal', 'region', 'state', 'private', 'non_profit')),
  trades text[] NOT NULL DEFAULT '{}',
  notes text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resting')),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX employers_org_number ON employers (organisation_id, organisation_number) WHERE organisation_number IS NOT NULL;
CREATE INDEX employers_org_name ON employers (organisation_id, lower(name));
COMMENT ON TABLE employers IS 'An employer the teams place participants with or talk to. Shared by the projects of one organisation.';
COMMENT ON COLUMN employers.organisation_number IS 'Swedish organisationsnummer as NNNNNN-NNNN with a valid check digit; NULL when not known. Personal data when the employer is a sole trader, whose number is their personnummer.';
COMMENT ON COLUMN employers.trades IS 'Trades/branches as normalised tags (trimmed, lower case, sorted, no duplicates), e.g. {restaurang, äldreomsorg}.';
COMMENT ON COLUMN employers.notes IS 'Free-text notes about the employer. No personal data about participants belongs here.';
COMMENT ON COLUMN employers.status IS 'active: the team places people here; resting: not for now.';

CREATE TABLE employer_workplaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL REFERENCES employers(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  street text,
  postal_code text,
  postal_town text,
  district text,
  notes text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employer_workplaces_employer ON employer_workplaces (employer_id);
COMMENT ON TABLE employer_workplaces IS 'A place where the employer''s work happens (a store, a kitchen, a care home), with its address.';
COMMENT ON COLUMN employer_workplaces.district IS 'Part of town or district, used with postal_town to find places in an area.';

CREATE TABLE employer_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL REFERENCES employers(id),
  workplace_id uuid REFERENCES employer_workplaces(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text,
  phone text,
  email text,
  is_supervisor boolean NOT NULL DEFAULT false,
  supervisor_trained_on date,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employer_contacts_employer ON employer_contacts (employer_id);
COMMENT ON TABLE employer_contacts IS 'Contact people at an employer, and supervisors (handledare) of placed participants. Personal data: reads and writes are audited.';
COMMENT ON COLUMN employer_contacts.workplace_id IS 'The workplace the person works at, if one; must belong to the same employer.';
COMMENT ON COLUMN employer_contacts.name IS 'Personal data: the contact person''s name.';
COMMENT ON COLUMN employer_contacts.role IS 'Personal data: their role at the employer, e.g. store manager.';
COMMENT ON COLUMN employer_contacts.phone IS 'Personal data: work phone number.';
COMMENT ON COLUMN employer_contacts.email IS 'Personal data: work e-mail address.';
COMMENT ON COLUMN employer_contacts.is_supervisor IS 'Personal data: the person supervises placed participants.';
COMMENT ON COLUMN employer_contacts.supervisor_trained_on IS 'Personal data: the date the team gave the person supervisor training (handledarutbildning); NULL if not given.';

CREATE TABLE employer_contact_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_id uuid NOT NULL REFERENCES employers(id),
  project_id uuid NOT NULL REFERENCES projects(id),
  kind text NOT NULL CHECK (kind IN ('call', 'visit', 'email', 'event')),
  occurred_on date NOT NULL,
  coach_id uuid NOT NULL REFERENCES users(id),
  contact_id uuid REFERENCES employer_contacts(id),
  outcome text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employer_contact_log_employer ON employer_contact_log (employer_id, occurred_on);
CREATE INDEX employer_contact_log_project ON employer_contact_log (project_id, occurred_on);
COMMENT ON TABLE employer_contact_log IS 'A contact the team had with an employer: a call, a visit, an e-mail or an event such as a business breakfast.';
COMMENT ON COLUMN employer_contact_log.project_id IS 'The project whose coach made the contact; the weekly figure counts per project.';
COMMENT ON COLUMN employer_contact_log.coach_id IS 'The coach who made the contact.';
COMMENT ON COLUMN employer_contact_log.contact_id IS 'Personal data: the contact person spoken to, if any.';
COMMENT ON COLUMN employer_contact_log.outcome IS 'Personal data: what came of it, in free text (may name the contact person).';

ALTER TABLE activities ADD COLUMN employer_id uuid REFERENCES employers(id);
ALTER TABLE activities ADD COLUMN workplace_id uuid REFERENCES employer_workplaces(id);
ALTER TABLE activities ADD COLUMN supervisor_id uuid REFERENCES employer_contacts(id);
CREATE INDEX activities_employer ON activities (employer_id) WHERE employer_id IS NOT NULL;
COMMENT ON COLUMN activities.employer_id IS 'Personal data: the employer where the participant does the activity (a placement), if any.';
COMMENT ON COLUMN activities.workplace_id IS 'Personal data: the employer''s workplace for the activity; belongs to employer_id.';
COMMENT ON COLUMN activities.supervisor_id IS 'Personal data: the supervisor at the employer; a contact person of employer_id.';
