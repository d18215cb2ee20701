-- Partnerships between two schools. The schools' NAME, COUNTRY and CITY are copies, kept up to
-- date when a school is edited (the school-changed event), so that lists filter and page by country
-- in SQL. OPEN_PAIR is "<lower id>-<higher id>" while the partnership is PROPOSED or ACCEPTED and
-- null afterwards: its unique constraint keeps two schools at one open partnership, even when two
-- proposals cross (NULLs do not collide, in Derby and PostgreSQL alike). MESSAGE and MOVE_COMMENT
-- hold up to 2000 characters (code points), which may take more UTF-16 units.
CREATE TABLE PSH_PARTNERSHIP (
  ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  PROPOSER_ID BIGINT NOT NULL,
  PROPOSER_NAME VARCHAR(400) NOT NULL,
  PROPOSER_COUNTRY CHAR(2) NOT NULL,
  PROPOSER_CITY VARCHAR(200),
  PARTNER_ID BIGINT NOT NULL,
  PARTNER_NAME VARCHAR(400) NOT NULL,
  PARTNER_COUNTRY CHAR(2) NOT NULL,
  PARTNER_CITY VARCHAR(200),
  THEME VARCHAR(20) NOT NULL,
  MESSAGE VARCHAR(4000) NOT NULL,
  STATUS VARCHAR(20) NOT NULL,
  MOVE_COMMENT VARCHAR(4000),
  PROPOSED_AT TIMESTAMP NOT NULL,
  PROPOSED_BY VARCHAR(36),
  ANSWERED_AT TIMESTAMP,
  ENDED_AT TIMESTAMP,
  MOVED_BY VARCHAR(36),
  OPEN_PAIR VARCHAR(41),
  REVISION INT NOT NULL,
  CONSTRAINT PSH_OPEN_PAIR UNIQUE (OPEN_PAIR)
);
-- a school's partnerships (either side) and its open proposals, counted at each proposal
CREATE INDEX PSH_PROPOSER ON PSH_PARTNERSHIP (PROPOSER_ID, STATUS);
CREATE INDEX PSH_PARTNER ON PSH_PARTNERSHIP (PARTNER_ID, STATUS);
-- a country's partnerships (either side), newest first
CREATE INDEX PSH_PROPOSER_COUNTRY ON PSH_PARTNERSHIP (PROPOSER_COUNTRY, ID);
CREATE INDEX PSH_PARTNER_COUNTRY ON PSH_PARTNERSHIP (PARTNER_COUNTRY, ID);
-- the public list (ACCEPTED) and the status filter, newest first
CREATE INDEX PSH_STATUS ON PSH_PARTNERSHIP (STATUS, ID);
