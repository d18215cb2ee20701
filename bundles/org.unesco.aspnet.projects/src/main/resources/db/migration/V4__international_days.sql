-- The calendar of international days, weeks, years and decades (InternationalDays). ID is made from
-- the English name when the day is added and stays; NAME_KEY is made from the current English name,
-- so that two days of one name cannot be listed. NAMES is JSON per language; OBSERVED the rule as
-- written (03-22, third Thursday of November, 10-24 to 10-31, 2021-2030 (decade)); THEMES the
-- thematic areas, comma-separated.
CREATE TABLE PRJ_DAY (
  ID VARCHAR(80) NOT NULL PRIMARY KEY,
  NAME_KEY VARCHAR(400) NOT NULL,
  NAMES VARCHAR(8000) NOT NULL,
  OBSERVED VARCHAR(60) NOT NULL,
  THEMES VARCHAR(200) NOT NULL,
  SOURCE VARCHAR(2000),
  ADDED_AT TIMESTAMP NOT NULL,
  ADDED_BY VARCHAR(36),
  REVISION INT NOT NULL
);
CREATE UNIQUE INDEX PRJ_DAY_NAME ON PRJ_DAY (NAME_KEY);
-- The days of the shipped list already put into PRJ_DAY once: one HQ removed is not put back by the
-- next start or upgrade, and one a later release ships is added.
CREATE TABLE PRJ_DAY_SEEDED (
  ID VARCHAR(80) NOT NULL PRIMARY KEY,
  SEEDED_AT TIMESTAMP NOT NULL
);
