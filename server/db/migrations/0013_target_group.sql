-- A project's target group can name the districts it serves and the incomes it is for; a
-- referral records the person's district and main income when it is made, so the check is
-- repeatable later.

ALTER TABLE projects
  ADD COLUMN target_districts text[] NOT NULL DEFAULT '{}',
  ADD COLUMN target_incomes text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN projects.target_districts IS 'Districts (kommundelar) the project serves; empty means all.';
COMMENT ON COLUMN projects.target_incomes IS 'Income codes (code list income_type) the project is for; empty means any.';

ALTER TABLE referrals
  ADD COLUMN district text,
  ADD COLUMN income_code text;
COMMENT ON COLUMN referrals.district IS 'Personal data: the district (kommundel) where the person lived when referred.';
COMMENT ON COLUMN referrals.income_code IS 'Personal data: the person''s main income source when referred (code list income_type).';
