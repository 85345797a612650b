-- Indexes for the caseload: a name search that matches the start of any word of the folded
-- name, and the open enrolments of one project.

-- Trigrams let `sort_name LIKE '%ber%'` use an index instead of reading every person.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX persons_sort_name_trgm ON persons USING gin (sort_name gin_trgm_ops);

-- The caseload is nearly always the enrolments of one project that have not ended.
CREATE INDEX enrolments_project_exit ON enrolments (project_id, exit_date, person_id);
