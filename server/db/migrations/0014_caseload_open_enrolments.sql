-- Indexes for the caseload: the not-exited enrolments of one project (the usual "active" list),
-- counted from an index alone, and a name search that looks up the start of a word in one go.

-- "Not exited" is written `coalesce(exit_date, 'infinity') > today` by the caseload, one range
-- instead of `exit_date IS NULL OR exit_date > today`, so an exit recorded in advance is still
-- found. exit_date is included only so that PostgreSQL may answer from the index alone; id and
-- person_id are what the count's pause check and the search's join need.
CREATE INDEX enrolments_not_exited ON enrolments (project_id, (coalesce(exit_date, 'infinity'::date)), start_date) INCLUDE (exit_date, id, person_id);
COMMENT ON INDEX enrolments_not_exited IS 'Caseload: the not-exited enrolments of one project by start date, with what the count and the name search read.';

-- One coach's not-exited enrolments in a project ("mine", or a manager looking at one coach's
-- list), in the same form; also those without a coach (coach_id IS NULL).
CREATE INDEX enrolments_coach_not_exited ON enrolments (project_id, coach_id, (coalesce(exit_date, 'infinity'::date)));
COMMENT ON INDEX enrolments_coach_not_exited IS 'Caseload: one coach''s not-exited enrolments in a project.';

-- Pauses that cover today are among the few that have not ended; "paused today" is read here.
CREATE INDEX pauses_current ON pauses (to_date, from_date) INCLUDE (enrolment_id);
COMMENT ON INDEX pauses_current IS 'Caseload: the pauses that have not ended, for "paused today" and "active".';

-- A word of the name starts at the start of sort_name, after a space, or after the separator of
-- last and first name: three patterns, each its own trigram index scan. With a space before the
-- name and the separator turned into a space, one pattern `% word%` says the same, one index
-- scan serves all the words of a search, and the exact test of the candidates is a plain LIKE.
-- The trigram index takes only letters and digits for parts of a word, so the folded å ä ö
-- ({ | }) would cut "}berg" into "berg"; here they are A B C, letters no folded name has (the
-- search turns its words the same way, and LIKE tells case apart, so nothing else matches them).
ALTER TABLE persons ADD COLUMN name_words text GENERATED ALWAYS AS (' ' || translate(sort_name, E'\x01{|}', ' ABC')) STORED;
COMMENT ON COLUMN persons.name_words IS 'The folded name (sort_name) for the name search: a space before every word, å ä ö as A B C; personal data.';
CREATE INDEX persons_name_words_trgm ON persons USING gin (name_words gin_trgm_ops);
-- The trigram index of migration 0012 served the three patterns; nothing else searches sort_name so.
DROP INDEX persons_sort_name_trgm;
-- Statistics for the new column and the indexed expressions at once, so the planner can judge
-- a search and the not-exited range from the start.
ANALYZE persons, enrolments;
