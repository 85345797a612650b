-- Placements followed through: one new-planning task per ended activity, corrections of the
-- employer contact log, per-project support and top-up settings, the trade of a placement, checklist
-- steps that do not apply or are ticked by a follow-up, and the internship details' own employer
-- link folded into the network link of the activity.

-- ---------- one new-planning task per activity ----------

-- Tasks are now also made when an activity's end date simply passes, by a read or a periodic
-- sweep; the unique key makes that idempotent. Earlier duplicates of one activity keep the open
-- one, else the latest.
DELETE FROM tasks t
USING tasks u
WHERE t.activity_id = u.activity_id
  AND t.kind = u.kind
  AND t.id <> u.id
  AND (
    (t.done_at IS NOT NULL AND u.done_at IS NULL)
    OR ((t.done_at IS NULL) = (u.done_at IS NULL) AND (t.created_at, t.id) < (u.created_at, u.id))
  );
CREATE UNIQUE INDEX tasks_one_per_activity ON tasks (activity_id, kind);

-- ---------- corrections of the contact log ----------

ALTER TABLE employer_contact_log ADD COLUMN version int NOT NULL DEFAULT 1;
ALTER TABLE employer_contact_log ADD COLUMN updated_at timestamptz;
ALTER TABLE employer_contact_log ADD COLUMN updated_by uuid REFERENCES users(id);
COMMENT ON COLUMN employer_contact_log.version IS 'Raised by every correction; a correction based on an older version is refused.';
COMMENT ON COLUMN employer_contact_log.updated_at IS 'When the entry was last corrected; NULL if never.';
COMMENT ON COLUMN employer_contact_log.updated_by IS 'The user who last corrected the entry.';

-- ---------- the project's support length and top-up share ----------

-- Kept with the follow-up schedule: the same managers set them on the same page, under one version.
ALTER TABLE follow_up_settings ADD COLUMN support_max_months int NOT NULL DEFAULT 9 CHECK (support_max_months BETWEEN 1 AND 36);
ALTER TABLE follow_up_settings ADD COLUMN top_up_percent numeric(5,2) NOT NULL DEFAULT 20 CHECK (top_up_percent BETWEEN 0 AND 100);
COMMENT ON TABLE follow_up_settings IS 'The project''s placement settings: the schedule of workplace follow-ups for internships and employments, the longest support (wage subsidy, Supported Education) before a warning, and the municipality''s default top-up share. No personal data.';
COMMENT ON COLUMN follow_up_settings.support_max_months IS 'Months of time-limited support (supported employment, Supported Education) after which an activity is flagged; default 9.';
COMMENT ON COLUMN follow_up_settings.top_up_percent IS 'The municipality''s top-up as a share of the wage cost that a new external employment starts with; default 20.';

-- ---------- the trade of a placement ----------

ALTER TABLE activities ADD COLUMN trade text;
COMMENT ON COLUMN activities.trade IS 'Personal data: the trade the participant was placed in, one of the employer''s trades (normalised tag); NULL when not recorded.';

-- The internship details carried an employer id of their own beside the activity's network link.
-- Where only the details had it, and the employer is the organisation's, it becomes the link.
UPDATE activities a
SET employer_id = em.id
FROM enrolments e, projects p, units u, employers em
WHERE a.employer_id IS NULL
  AND a.details->>'kind' = 'internship'
  AND e.id = a.enrolment_id
  AND p.id = e.project_id
  AND u.id = p.unit_id
  AND em.organisation_id = u.organisation_id
  AND em.id::text = a.details->>'employerId';
UPDATE activities SET details = details - 'employerId' WHERE details->>'kind' = 'internship';

-- ---------- checklist steps: not applicable, and ticked by follow-ups ----------

ALTER TABLE checklist_items ADD COLUMN not_applicable boolean NOT NULL DEFAULT false;
ALTER TABLE checklist_items ADD CONSTRAINT checklist_items_not_applicable_dated CHECK (NOT not_applicable OR done_on IS NOT NULL);
COMMENT ON COLUMN checklist_items.not_applicable IS 'Personal data: the step does not apply to this participant''s placement (e.g. no police-record extract outside work with children); done_on and done_by then say when and by whom it was set aside.';

-- Which workplace follow-up a step stands for, so recording the follow-up ticks the step.
ALTER TABLE checklist_template_items ADD COLUMN step_key text CHECK (step_key IN ('follow_up_early', 'follow_up_month', 'follow_up_end'));
ALTER TABLE checklist_items ADD COLUMN step_key text CHECK (step_key IN ('follow_up_early', 'follow_up_month', 'follow_up_end'));
COMMENT ON COLUMN checklist_template_items.step_key IS 'The workplace follow-up the step stands for (early call, visit after a month, end follow-up); kept when the step is renamed.';
COMMENT ON COLUMN checklist_items.step_key IS 'Copied from the template step: recording that follow-up ticks this step if it is open.';

UPDATE checklist_template_items SET step_key = 'follow_up_early' WHERE label = 'Ring arbetsplatsen efter några dagar och hör hur det går';
UPDATE checklist_template_items SET step_key = 'follow_up_month' WHERE label = 'Besök eller ring arbetsplatsen efter ungefär en månad';
UPDATE checklist_template_items SET step_key = 'follow_up_end' WHERE label = 'Avslutande uppföljning: förlängning, anställning eller nästa steg';
UPDATE checklist_items ci SET step_key = ti.step_key FROM checklist_template_items ti WHERE ti.id = ci.template_item_id AND ti.step_key IS NOT NULL;

-- The default internship steps gained the invitation to the first meeting, asking for the place
-- at the study visit, and the meeting with Arbetsförmedlingen when a job is in sight. Templates
-- no manager has changed (version 0) get them in their place; changed ones are the manager's.
CREATE TEMPORARY TABLE untouched_internship_templates ON COMMIT DROP AS
SELECT t.id
FROM checklist_templates t
JOIN codes c ON c.project_id = t.project_id AND c.list = 'activity_type' AND c.code = t.type_code
WHERE t.version = 0 AND c.national_category = 'praktik';

UPDATE checklist_template_items SET position = position * 10 WHERE template_id IN (SELECT id FROM untouched_internship_templates);
INSERT INTO checklist_template_items (template_id, label, position)
SELECT id, 'Kalla deltagaren till ett första möte', 5 FROM untouched_internship_templates;
INSERT INTO checklist_template_items (template_id, label, position)
SELECT i.template_id, 'Fråga om praktikplats: deltagaren frågar själv vid besöket eller senare, annars frågar samordnaren', i.position + 5
FROM checklist_template_items i
WHERE i.template_id IN (SELECT id FROM untouched_internship_templates) AND i.label = 'Träff 4: studiebesök på arbetsplatsen tillsammans med deltagaren';
INSERT INTO checklist_template_items (template_id, label, position)
SELECT i.template_id, 'Vid möjlig anställning: boka möte med Arbetsförmedlingen om anställningsformerna', i.position + 5
FROM checklist_template_items i
WHERE i.template_id IN (SELECT id FROM untouched_internship_templates) AND i.label = 'Avslutande uppföljning: förlängning, anställning eller nästa steg';
UPDATE checklist_template_items i
SET position = n.rn
FROM (
  SELECT id, row_number() OVER (PARTITION BY template_id ORDER BY position, created_at) AS rn
  FROM checklist_template_items
  WHERE template_id IN (SELECT id FROM untouched_internship_templates)
) n
WHERE n.id = i.id;
