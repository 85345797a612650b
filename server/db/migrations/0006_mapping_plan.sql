-- Mapping (kartläggning) and plan (genomförandeplan) of an enrolment. Both are kept as a series
-- of saved versions: a save adds a row, it never changes one, so every earlier version can be
-- read and compared. The latest number is the record's version for stale-edit checks.

CREATE FUNCTION saved_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is a saved version and cannot be changed; save a new version instead', TG_TABLE_NAME;
END;
$$;

CREATE TABLE mapping_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  number int NOT NULL CHECK (number >= 1),
  sections jsonb NOT NULL DEFAULT '{}',
  trades text[] NOT NULL DEFAULT '{}',
  health text,
  violence_answer text CHECK (violence_answer IN ('yes', 'no', 'declined')),
  violence_note text,
  violence_asked_on date,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, number),
  CHECK (violence_answer IS NULL OR violence_asked_on IS NOT NULL)
);
CREATE INDEX mapping_versions_trades ON mapping_versions USING gin (trades);
COMMENT ON TABLE mapping_versions IS 'Kartläggning: each save of an enrolment''s mapping is a new row numbered 1, 2, 3 …; the highest number is the current mapping. Personal data.';
COMMENT ON COLUMN mapping_versions.number IS 'Version number within the enrolment; the client sends the number it based its edit on.';
COMMENT ON COLUMN mapping_versions.sections IS 'Personal data: the ordinary sections as JSON text fields — goals, interests, situation, competences, resources, needs, network, housing, economy.';
COMMENT ON COLUMN mapping_versions.trades IS 'Personal data: trades the person is interested in (lowercase tags, e.g. restaurang, lager), used to suggest workplaces.';
COMMENT ON COLUMN mapping_versions.health IS 'Personal data, sensitive (health): the health section. Read and written only with the sensitive-data permission; every opening is logged.';
COMMENT ON COLUMN mapping_versions.violence_answer IS 'Personal data, sensitive (violence): the answer to the violence question asked of everyone — yes, no, or declined to answer; NULL while not asked.';
COMMENT ON COLUMN mapping_versions.violence_note IS 'Personal data, sensitive (violence): free text about the answer and what was done.';
COMMENT ON COLUMN mapping_versions.violence_asked_on IS 'Personal data, sensitive (violence): the date the question was asked.';
COMMENT ON COLUMN mapping_versions.created_by IS 'The user who saved this version.';
CREATE TRIGGER mapping_versions_immutable BEFORE UPDATE ON mapping_versions
  FOR EACH ROW EXECUTE FUNCTION saved_version_is_immutable();

CREATE TABLE plan_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  number int NOT NULL CHECK (number >= 1),
  goals jsonb NOT NULL DEFAULT '[]',
  reason text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enrolment_id, number)
);
COMMENT ON TABLE plan_revisions IS 'Genomförandeplan: each saved revision of an enrolment''s plan is an immutable snapshot numbered 1, 2, 3 …; the highest number is the current plan. Personal data.';
COMMENT ON COLUMN plan_revisions.number IS 'Revision number within the enrolment; the client sends the number it based its edit on.';
COMMENT ON COLUMN plan_revisions.goals IS 'Personal data: the goals with their sub-goals (delmål) as JSON, each with a stable id across revisions, title, owner (participant, coach or a named other party), due date, status and comment.';
COMMENT ON COLUMN plan_revisions.reason IS 'Personal data: why the plan was revised, e.g. an internship ended.';
COMMENT ON COLUMN plan_revisions.created_by IS 'The user who saved this revision.';
CREATE TRIGGER plan_revisions_immutable BEFORE UPDATE ON plan_revisions
  FOR EACH ROW EXECUTE FUNCTION saved_version_is_immutable();
