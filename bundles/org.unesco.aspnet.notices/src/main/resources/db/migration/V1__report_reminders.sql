-- The annual-report reminders emailed to schools, one row per school reminded: the year, by whom
-- (an account id, or system for the automatic ones), when, how many messages went. A school reminded
-- of a year in the last 7 days is not reminded of it again. An automatic reminder goes once per
-- school, year and kind, whatever the number of nodes: AUTO_KEY is school/year/kind for those, and
-- null for reminders asked for by a coordinator (NULLs do not collide, in Derby and PostgreSQL alike).
CREATE TABLE NTC_REPORT_REMINDER (
  ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  SCHOOL_ID BIGINT NOT NULL,
  COUNTRY CHAR(2) NOT NULL,
  REPORT_YEAR INT NOT NULL,
  KIND VARCHAR(20) NOT NULL,
  SENT_AT TIMESTAMP NOT NULL,
  SENT_BY VARCHAR(36) NOT NULL,
  MESSAGES INT NOT NULL,
  AUTO_KEY VARCHAR(60),
  CONSTRAINT NTC_REMINDER_AUTO_KEY UNIQUE (AUTO_KEY)
);
-- the reminders of a year sent since a time (the last 7 days)
CREATE INDEX NTC_REMINDER_YEAR ON NTC_REPORT_REMINDER (REPORT_YEAR, SENT_AT);
-- One row per country and year ever reminded. Whoever reminds takes its row lock for the length of
-- the transaction, so that two runs for the same schools (a double click, two coordinators, the
-- automatic check of two nodes) go one after the other, and the second sees what the first sent.
CREATE TABLE NTC_REMINDER_LOCK (
  COUNTRY CHAR(2) NOT NULL,
  REPORT_YEAR INT NOT NULL,
  LOCKED_AT TIMESTAMP,
  PRIMARY KEY (COUNTRY, REPORT_YEAR)
);
