-- Checklists per activity type and follow-ups at the workplace for internships and employments.

-- A project's checklist for one activity type. The row exists once the template has been set up
-- (with the defaults for internships), so a manager who empties a template keeps it empty.
CREATE TABLE checklist_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  type_code text NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, type_code)
);
COMMENT ON TABLE checklist_templates IS 'The checklist a project uses for one activity type (code list activity_type). No personal data.';

CREATE TABLE checklist_template_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES checklist_templates(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
  position int NOT NULL,
  retired boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checklist_template_items_template ON checklist_template_items (template_id, position);
COMMENT ON TABLE checklist_template_items IS 'One step of a checklist template. Retired steps are no longer copied to new activities but stay on those that have them.';

-- A copy of the template's active steps, made when the activity is created; later template
-- edits do not change checklists already in use.
CREATE TABLE checklist_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities(id),
  template_item_id uuid REFERENCES checklist_template_items(id),
  label text NOT NULL,
  position int NOT NULL,
  done_on date,
  done_by uuid REFERENCES users(id),
  done_at timestamptz,
  version int NOT NULL DEFAULT 1,
  CHECK ((done_on IS NULL) = (done_by IS NULL)),
  CHECK ((done_on IS NULL) = (done_at IS NULL))
);
CREATE INDEX checklist_items_activity ON checklist_items (activity_id, position);
CREATE INDEX checklist_items_open ON checklist_items (activity_id) WHERE done_on IS NULL;
COMMENT ON TABLE checklist_items IS 'A step of one activity''s checklist. Personal data through the activity.';
COMMENT ON COLUMN checklist_items.label IS 'Personal data: the step as copied from the template (it belongs to a named person''s activity).';
COMMENT ON COLUMN checklist_items.done_on IS 'Personal data: the day the step was done for the participant; NULL while open.';
COMMENT ON COLUMN checklist_items.done_by IS 'The user who ticked the step.';
COMMENT ON COLUMN checklist_items.done_at IS 'When the tick was recorded.';

-- When a project's placements are followed up: each rule is an anchor (start or end of the
-- activity) and an offset in days or months. NULL rules mean the defaults (+3 days, +1 month, at the end).
CREATE TABLE follow_up_settings (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  rules jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE follow_up_settings IS 'The project''s schedule of workplace follow-ups for internships and employments. No personal data.';

CREATE TABLE placement_follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities(id),
  anchor text NOT NULL CHECK (anchor IN ('start', 'end')),
  offset_unit text NOT NULL CHECK (offset_unit IN ('days', 'months')),
  offset_amount int NOT NULL CHECK (offset_amount BETWEEN 0 AND 36),
  due_date date,
  done_on date,
  how text CHECK (how IN ('visit', 'phone')),
  notes text,
  done_by uuid REFERENCES users(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((done_on IS NULL) = (done_by IS NULL)),
  CHECK (done_on IS NULL OR how IS NOT NULL)
);
CREATE INDEX placement_follow_ups_activity ON placement_follow_ups (activity_id);
CREATE INDEX placement_follow_ups_open ON placement_follow_ups (due_date) WHERE done_on IS NULL;
COMMENT ON TABLE placement_follow_ups IS 'A follow-up at the workplace of an internship or employment, due a set time after the start or at the end.';
COMMENT ON COLUMN placement_follow_ups.due_date IS 'Personal data: when the follow-up is due, from the activity''s dates; moves with them until done. NULL for an end follow-up of an activity without an end date.';
COMMENT ON COLUMN placement_follow_ups.done_on IS 'Personal data: the day the follow-up took place.';
COMMENT ON COLUMN placement_follow_ups.how IS 'Personal data: visit at the workplace or phone call.';
COMMENT ON COLUMN placement_follow_ups.notes IS 'Personal data: what came up at the follow-up.';
COMMENT ON COLUMN placement_follow_ups.done_by IS 'The user who recorded the follow-up.';
