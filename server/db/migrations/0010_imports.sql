-- Spreadsheet imports: one batch per confirmed import, and the spreadsheet's own ids of the
-- records it created, so importing the same file again finds them instead of adding copies.

CREATE TABLE import_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  actor_id uuid REFERENCES users(id),
  actor_label text NOT NULL,
  files jsonb NOT NULL,
  counts jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_batches_project ON import_batches (project_id, created_at DESC);
COMMENT ON TABLE import_batches IS 'One confirmed spreadsheet import into a project: who, when, which files (kind, size, SHA-256 — never names or contents) and how many records it created.';
COMMENT ON COLUMN import_batches.files IS 'Per uploaded file its kind (xlsx, csv, zip), size in bytes and SHA-256; file names are left out because they may name a person.';
COMMENT ON COLUMN import_batches.counts IS 'Records created per kind (persons, persons linked, enrolments, referrals, intakes, activities, extensions) and rows left unchanged.';

CREATE TABLE import_refs (
  project_id uuid NOT NULL REFERENCES projects(id),
  kind text NOT NULL CHECK (kind IN ('person', 'enrolment', 'activity', 'extension')),
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 200),
  record_id uuid NOT NULL,
  batch_id uuid NOT NULL REFERENCES import_batches(id),
  PRIMARY KEY (project_id, kind, ref)
);
CREATE INDEX import_refs_record ON import_refs (record_id);
COMMENT ON TABLE import_refs IS 'The id a spreadsheet gave a record (enrolment_ref, person_ref, activity_ref, extension_ref) and the record it became; rows with a known id are matched on a new import, not created again.';
COMMENT ON COLUMN import_refs.ref IS 'Personal data: the spreadsheet''s own id of the record, which some spreadsheets build from a name or personnummer.';
