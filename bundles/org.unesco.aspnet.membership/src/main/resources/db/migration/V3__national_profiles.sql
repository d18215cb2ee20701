-- National profiles (plugins) add fields and a status ladder without a schema change of their own:
-- the values of a school's extra fields are one JSON object, and a membership remembers its stage
-- on the national ladder. Nothing here is dropped when a profile leaves, so its data comes back.
ALTER TABLE MEM_SCHOOL ADD COLUMN FIELDS VARCHAR(16000);
ALTER TABLE MEM_MEMBERSHIP ADD COLUMN NATIONAL_STAGE VARCHAR(60);
ALTER TABLE MEM_MEMBERSHIP ADD COLUMN STAGE_SINCE TIMESTAMP;
ALTER TABLE MEM_STATUS_CHANGE ADD COLUMN FROM_STAGE VARCHAR(60);
ALTER TABLE MEM_STATUS_CHANGE ADD COLUMN TO_STAGE VARCHAR(60);
-- Answers to a national profile's extra annual-report questions, one JSON object.
ALTER TABLE MEM_ANNUAL_REPORT ADD COLUMN ANSWERS VARCHAR(8000);
