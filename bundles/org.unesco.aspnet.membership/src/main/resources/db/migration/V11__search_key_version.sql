-- The version of the fold (core's SearchKey.version()) that the schools' NAME_KEY, CITY_KEY and
-- word index were made with. A release whose fold is newer makes them again once, in the
-- background after the start (StoredKeys), and records its version here.
ALTER TABLE MEM_SEARCH_STATE ADD COLUMN KEY_VERSION INT DEFAULT 1 NOT NULL;
-- A directory without schools has nothing to make again: its keys are written by this release on.
UPDATE MEM_SEARCH_STATE SET KEY_VERSION = 2 WHERE NOT EXISTS (SELECT 1 FROM MEM_SCHOOL);
