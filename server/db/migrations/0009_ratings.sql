-- Rating scales (GSRS, ORS, SRS) as data, the organisation's licence for them, scores per
-- enrolment, generic questionnaires sent in rounds, and the team's self-evaluation days.

CREATE TABLE rating_instruments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]{2,20}$'),
  name_sv text NOT NULL,
  name_en text NOT NULL,
  items jsonb NOT NULL,
  item_min numeric(4,1) NOT NULL,
  item_max numeric(4,1) NOT NULL,
  decimals int NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 2),
  total_min numeric(5,1) NOT NULL,
  total_max numeric(5,1) NOT NULL,
  alert_rule text NOT NULL CHECK (alert_rule IN ('total_at_most', 'total_below')),
  alert_value numeric(5,1) NOT NULL,
  reliable_change numeric(5,1),
  administered text NOT NULL CHECK (administered IN ('per_session', 'per_meeting', 'start_end')),
  licensed boolean NOT NULL DEFAULT true,
  position int NOT NULL DEFAULT 0,
  CHECK (item_min < item_max AND total_min < total_max)
);
COMMENT ON TABLE rating_instruments IS 'A rating scale: its items (names only, never the licensed item wording), the scale of each item, the total (the sum of the items) and the rules that flag a score.';
COMMENT ON COLUMN rating_instruments.items IS 'JSON array of {key, sv, en}: the item names in Swedish and English, in the order of the form.';
COMMENT ON COLUMN rating_instruments.alert_rule IS 'total_at_most: a total at or under alert_value is flagged (GSRS/SRS, the alliance is at risk); total_below: a total under alert_value is flagged (ORS clinical cut-off).';
COMMENT ON COLUMN rating_instruments.reliable_change IS 'A change in total at least this large, from the first or the previous score, counts as reliable; NULL when the scale has none.';
COMMENT ON COLUMN rating_instruments.administered IS 'When the scale is used: after each group session, at each individual meeting, or at start and end.';
COMMENT ON COLUMN rating_instruments.licensed IS 'True when digital use needs the organisation''s licence (see rating_licences).';

INSERT INTO rating_instruments (code, name_sv, name_en, items, item_min, item_max, decimals, total_min, total_max, alert_rule, alert_value, reliable_change, administered, position) VALUES
  ('gsrs', 'GSRS – skattning av gruppträffen', 'GSRS – group session rating',
   '[{"key":"relationship","sv":"Relation","en":"Relationship"},{"key":"goals_topics","sv":"Mål och ämnen","en":"Goals and topics"},{"key":"approach","sv":"Arbetssätt eller metod","en":"Approach or method"},{"key":"overall","sv":"Helhet","en":"Overall"}]',
   0, 10, 1, 0, 40, 'total_at_most', 36, NULL, 'per_session', 1),
  ('ors', 'ORS – skattning av måendet', 'ORS – outcome rating',
   '[{"key":"individually","sv":"Individuellt","en":"Individually"},{"key":"interpersonally","sv":"Relationer","en":"Interpersonally"},{"key":"socially","sv":"Socialt","en":"Socially"},{"key":"overall","sv":"Helhet","en":"Overall"}]',
   0, 10, 1, 0, 40, 'total_below', 25, 5, 'per_meeting', 2),
  ('srs', 'SRS – skattning av samtalet', 'SRS – session rating',
   '[{"key":"relationship","sv":"Relation","en":"Relationship"},{"key":"goals_topics","sv":"Mål och ämnen","en":"Goals and topics"},{"key":"approach","sv":"Arbetssätt eller metod","en":"Approach or method"},{"key":"overall","sv":"Helhet","en":"Overall"}]',
   0, 10, 1, 0, 40, 'total_at_most', 36, NULL, 'per_meeting', 3);

CREATE TABLE rating_licences (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  holder text NOT NULL,
  valid_until date NOT NULL,
  note text,
  version int NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE rating_licences IS 'The organisation''s licence for digital use of the licensed scales. Without a valid one, staff enter scores from the paper form.';
COMMENT ON COLUMN rating_licences.holder IS 'Who holds the licence, e.g. the unit that bought it.';
COMMENT ON COLUMN rating_licences.valid_until IS 'Last day the licence is valid.';

CREATE TABLE rating_scores (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  instrument_id uuid NOT NULL REFERENCES rating_instruments(id),
  rated_on date NOT NULL,
  context_kind text CHECK (context_kind IN ('group_session', 'meeting', 'other')),
  context_id uuid,
  context_label text,
  item_values jsonb NOT NULL,
  total numeric(5,1) NOT NULL,
  alert boolean NOT NULL,
  entered_by uuid REFERENCES users(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (context_kind IS NOT NULL OR (context_id IS NULL AND context_label IS NULL))
);
CREATE INDEX rating_scores_enrolment ON rating_scores (enrolment_id, instrument_id, rated_on);
COMMENT ON TABLE rating_scores IS 'One filled-in rating form for a participant, entered by staff. Personal data.';
COMMENT ON COLUMN rating_scores.rated_on IS 'Personal data: the day the participant filled in the form.';
COMMENT ON COLUMN rating_scores.context_kind IS 'Personal data: what the score is about — a group session, an individual meeting or something else.';
COMMENT ON COLUMN rating_scores.context_id IS 'Personal data: the id of the session or meeting, kept without a foreign key so scores outlive changes to the calendar.';
COMMENT ON COLUMN rating_scores.context_label IS 'Personal data: a readable name of the occasion, e.g. the session''s theme.';
COMMENT ON COLUMN rating_scores.item_values IS 'Personal data: JSON object item key → value on the instrument''s scale.';
COMMENT ON COLUMN rating_scores.total IS 'Personal data: the sum of the items, computed by the server.';
COMMENT ON COLUMN rating_scores.alert IS 'Personal data: true when the total meets the instrument''s alert rule.';
COMMENT ON COLUMN rating_scores.entered_by IS 'The staff member who entered the score.';

CREATE TABLE questionnaires (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  title text NOT NULL,
  intro text,
  questions jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaires_project ON questionnaires (project_id);
COMMENT ON TABLE questionnaires IS 'A questionnaire of the project: 0–10 self-ratings, yes/no, single choice, number and free-text questions.';
COMMENT ON COLUMN questionnaires.questions IS 'JSON array of {key, kind, text, options?, min?, max?}; keys stay the same while the questionnaire has answers.';

CREATE TABLE questionnaire_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  questionnaire_id uuid NOT NULL REFERENCES questionnaires(id),
  project_id uuid NOT NULL REFERENCES projects(id),
  title text NOT NULL,
  sent_on date NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaire_rounds_project ON questionnaire_rounds (project_id, sent_on);
COMMENT ON TABLE questionnaire_rounds IS 'One sending of a questionnaire to a set of enrolments (a group or one person).';

CREATE TABLE questionnaire_recipients (
  round_id uuid NOT NULL REFERENCES questionnaire_rounds(id),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  PRIMARY KEY (round_id, enrolment_id)
);
CREATE INDEX questionnaire_recipients_enrolment ON questionnaire_recipients (enrolment_id);
COMMENT ON TABLE questionnaire_recipients IS 'Who a round was sent to. Personal data: that the person was asked.';
COMMENT ON COLUMN questionnaire_recipients.enrolment_id IS 'Personal data: the enrolment of the person asked.';

CREATE TABLE questionnaire_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES questionnaire_rounds(id),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  respondent_kind text NOT NULL CHECK (respondent_kind IN ('staff_on_behalf', 'participant')),
  entered_by uuid REFERENCES users(id),
  answered_on date NOT NULL,
  answers jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, enrolment_id),
  FOREIGN KEY (round_id, enrolment_id) REFERENCES questionnaire_recipients (round_id, enrolment_id)
);
COMMENT ON TABLE questionnaire_responses IS 'A recipient''s answers to a round: entered by staff on the participant''s behalf, or (later) by the participant in their portal. Personal data.';
COMMENT ON COLUMN questionnaire_responses.enrolment_id IS 'Personal data: whose answers these are.';
COMMENT ON COLUMN questionnaire_responses.respondent_kind IS 'Personal data: staff_on_behalf (staff typed the participant''s answers) or participant (answered in person).';
COMMENT ON COLUMN questionnaire_responses.answered_on IS 'Personal data: the day the answers were given.';
COMMENT ON COLUMN questionnaire_responses.answers IS 'Personal data: JSON object question key → answer (number, true/false, option text or free text).';
COMMENT ON COLUMN questionnaire_responses.entered_by IS 'The staff member who entered the answers; NULL when the participant answered.';

CREATE TABLE self_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects(id),
  held_on date NOT NULL,
  period_from date,
  period_to date,
  title text NOT NULL,
  question_keys jsonb NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
);
CREATE INDEX self_evaluations_project ON self_evaluations (project_id, held_on);
COMMENT ON TABLE self_evaluations IS 'A self-evaluation day (självvärdering) of the team and its partners: scale questions 0–10 with free-text comments.';
COMMENT ON COLUMN self_evaluations.question_keys IS 'JSON array of the scale questions asked that day (development, collaboration, methods, conditions, confidence).';

CREATE TABLE self_evaluation_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  self_evaluation_id uuid NOT NULL REFERENCES self_evaluations(id),
  respondent_kind text NOT NULL CHECK (respondent_kind IN ('staff', 'partner')),
  partner_organisation text,
  scores jsonb NOT NULL,
  comments jsonb NOT NULL DEFAULT '{}',
  created_at date NOT NULL DEFAULT CURRENT_DATE,
  CHECK (respondent_kind = 'partner' OR partner_organisation IS NULL)
);
CREATE INDEX self_evaluation_answers_day ON self_evaluation_answers (self_evaluation_id);
COMMENT ON TABLE self_evaluation_answers IS 'One anonymous answer of a team member or partner: who answered is not stored, only whether staff or which partner organisation; the day, not the time.';
COMMENT ON COLUMN self_evaluation_answers.scores IS 'JSON object question key → 0–10.';
COMMENT ON COLUMN self_evaluation_answers.comments IS 'JSON object question key → free text; shown to the team without a name.';
