-- A school's participations and reports are found by the school alone when it is edited (its name,
-- country or city copied into them follow it): without these, each edit read both tables whole.
CREATE INDEX PRJ_PARTICIPANT_SCHOOL ON PRJ_PARTICIPANT (SCHOOL_ID);
CREATE INDEX PRJ_SUBMISSION_SCHOOL_ONLY ON PRJ_SUBMISSION (SCHOOL_ID);
