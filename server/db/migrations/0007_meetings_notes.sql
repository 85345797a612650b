-- Individual meetings with a participant, journal notes on an enrolment, and each user's
-- secret calendar feed.

CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  starts_at timestamptz NOT NULL,
  duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  form text NOT NULL CHECK (form IN ('on_site', 'video', 'phone', 'home_visit', 'workplace')),
  attendance text CHECK (attendance IN ('attended', 'cancelled', 'no_show')),
  agreed_tasks text,
  note text,
  created_by uuid REFERENCES users(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_enrolment ON meetings (enrolment_id, starts_at);
COMMENT ON TABLE meetings IS 'Enskild träff: an individual meeting between staff and a participant. Personal data.';
COMMENT ON COLUMN meetings.starts_at IS 'Personal data: when the meeting starts (shown in Europe/Stockholm time).';
COMMENT ON COLUMN meetings.duration_minutes IS 'Personal data: planned length in minutes.';
COMMENT ON COLUMN meetings.form IS 'Personal data: how the meeting is held — on site, video, phone, home visit or at the workplace.';
COMMENT ON COLUMN meetings.attendance IS 'Personal data: attended, cancelled or no-show; NULL until recorded. Attended and no-show only once the meeting has started.';
COMMENT ON COLUMN meetings.agreed_tasks IS 'Personal data: what the participant and staff agreed to do until the next meeting.';
COMMENT ON COLUMN meetings.note IS 'Personal data: a short practical note (not a journal entry).';
COMMENT ON COLUMN meetings.created_by IS 'The user who booked the meeting.';

CREATE TABLE meeting_staff (
  meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_staff_user ON meeting_staff (user_id);
COMMENT ON TABLE meeting_staff IS 'The staff who take part in a meeting; their calendars show it.';

CREATE TABLE journal_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  author_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at timestamptz,
  corrects_id uuid REFERENCES journal_notes(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL)),
  CHECK (corrects_id IS NULL OR corrects_id <> id)
);
CREATE INDEX journal_notes_enrolment ON journal_notes (enrolment_id, created_at);
CREATE INDEX journal_notes_corrects ON journal_notes (corrects_id) WHERE corrects_id IS NOT NULL;
COMMENT ON TABLE journal_notes IS 'Anteckning: a journal note on an enrolment. A signed note is never changed or removed; a correction is a new note that references it.';
COMMENT ON COLUMN journal_notes.author_id IS 'The user who wrote the note; only they may edit or sign it while it is a draft.';
COMMENT ON COLUMN journal_notes.body IS 'Personal data: the text of the note.';
COMMENT ON COLUMN journal_notes.status IS 'draft (may be edited or removed by its author) or signed (frozen).';
COMMENT ON COLUMN journal_notes.signed_at IS 'When the author signed the note; NULL for a draft.';
COMMENT ON COLUMN journal_notes.corrects_id IS 'For a correction: the signed note it corrects. Both stay visible.';

-- The database itself keeps signed notes as they are, whatever the application does, and a
-- correction may only point at a note that has been signed.
CREATE FUNCTION journal_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'signed' THEN
    RAISE EXCEPTION 'journal note % is signed and cannot be changed or removed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.corrects_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_notes WHERE id = NEW.corrects_id AND status = 'signed') THEN
    RAISE EXCEPTION 'a correction must refer to a signed note' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER journal_notes_guard BEFORE INSERT OR UPDATE OR DELETE ON journal_notes FOR EACH ROW EXECUTE FUNCTION journal_notes_guard();
CREATE FUNCTION journal_notes_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'journal notes cannot be truncated' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER journal_notes_no_truncate BEFORE TRUNCATE ON journal_notes FOR EACH STATEMENT EXECUTE FUNCTION journal_notes_no_truncate();

CREATE TABLE calendar_feeds (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  title_detail text NOT NULL DEFAULT 'none' CHECK (title_detail IN ('none', 'initials')),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE calendar_feeds IS 'A user''s secret calendar feed (ICS) for Outlook and similar. Only the SHA-256 of the token is kept; revoking deletes the row.';
COMMENT ON COLUMN calendar_feeds.title_detail IS 'What the feed''s event titles say about the participant: none (default) or their initials. Nothing more ever leaves through the feed.';
