-- A line of a membership's history that is a move of its school to another country: its status
-- stays on both sides, and its TO_STAGE now names the stage it arrives at. Before, such a line was
-- known by its empty TO_STAGE alone (the time served on a stage counts from the last move).
ALTER TABLE MEM_STATUS_CHANGE ADD COLUMN COUNTRY_MOVE SMALLINT DEFAULT 0 NOT NULL;
UPDATE MEM_STATUS_CHANGE SET COUNTRY_MOVE = 1 WHERE FROM_STATUS = TO_STATUS AND TO_STAGE IS NULL;
