-- Every read of a person's data appends a row to audit_log, so each index on it is paid on every
-- read. Nothing looks rows up by actor_id: the audit search filters on the actor's label (e-mail)
-- within a period, served by audit_log_at, and on the subject, served by audit_log_subject. The
-- index by actor is dropped; the column stays.
DROP INDEX audit_log_actor;
COMMENT ON COLUMN audit_log.actor_id IS 'The acting user, when a user acted. Not indexed: the audit search filters on actor_label within a period.';
