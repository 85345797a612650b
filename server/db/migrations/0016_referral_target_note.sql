-- A referral's content can be corrected, and the target-group check runs again on the new
-- values. The reason staff wrote themselves (what the system cannot check) is kept in its own
-- column so that a new check can add it again instead of losing it among the computed reasons.

ALTER TABLE referrals ADD COLUMN outside_target_note text;
COMMENT ON COLUMN referrals.outside_target_note IS 'Personal data: what staff wrote about why the person may be outside the target group; also listed among outside_target_reasons.';

-- Referrals made before: the computed reasons all begin with one of these phrases, so the rest is
-- what staff wrote.
UPDATE referrals
SET outside_target_note = nullif(
  array_to_string(
    ARRAY(
      SELECT reason FROM unnest(outside_target_reasons) AS reason
      WHERE reason !~ '^(Åldern |Kommundel är inte angiven|Kommundelen |Huvudsaklig inkomst är inte angiven|Inkomsten )'
    ),
    ' '
  ),
  ''
)
WHERE outside_target_group;
