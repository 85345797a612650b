-- Rating scores tied to real group sessions, scales that administrators edit, questionnaire
-- rounds sent to a group, and saved mapping versions and plan revisions that cannot be deleted.

-- Saved versions were refused UPDATE only; a DELETE or TRUNCATE would still lose a version that
-- others may have read and compared. Both are now refused, as for signed journal notes.
CREATE FUNCTION saved_version_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is a saved version and cannot be removed', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER mapping_versions_kept BEFORE DELETE ON mapping_versions
  FOR EACH ROW EXECUTE FUNCTION saved_version_is_kept();
CREATE TRIGGER mapping_versions_no_truncate BEFORE TRUNCATE ON mapping_versions
  FOR EACH STATEMENT EXECUTE FUNCTION saved_version_is_kept();
CREATE TRIGGER plan_revisions_kept BEFORE DELETE ON plan_revisions
  FOR EACH ROW EXECUTE FUNCTION saved_version_is_kept();
CREATE TRIGGER plan_revisions_no_truncate BEFORE TRUNCATE ON plan_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION saved_version_is_kept();

-- Administrators edit a scale's names, limits and item names; each edit carries the version.
ALTER TABLE rating_instruments ADD COLUMN version int NOT NULL DEFAULT 1;
COMMENT ON COLUMN rating_instruments.version IS 'Raised by every edit; an edit based on an older version is refused.';

-- The project summary per group reads a group's sessions' scores.
CREATE INDEX rating_scores_group_session ON rating_scores (context_id) WHERE context_kind = 'group_session';
COMMENT ON COLUMN rating_scores.context_id IS 'Personal data: the group session (checked when saved: a session of a group of the enrolment''s project that the person belongs to on that day) or meeting the score was given at; no foreign key, so a score outlives the session.';

-- A round may be sent to a group: its members on the day are the recipients.
ALTER TABLE questionnaire_rounds ADD COLUMN group_id uuid REFERENCES groups(id);
COMMENT ON COLUMN questionnaire_rounds.group_id IS 'The group whose current participants the round was sent to; NULL when the recipients were chosen one by one.';
