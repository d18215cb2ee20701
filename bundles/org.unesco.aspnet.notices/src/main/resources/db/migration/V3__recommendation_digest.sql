-- HQ officers' daily digest of the schools recommended for certification (RecommendationDigest).
-- A recommendation waits here until the day's digest tells it: one row per school (recommended
-- again before the digest: still one), with the account that recommended it, who is not told of it.
-- A digest takes its rows by ID: a school held again after it read them is a new row, kept.
CREATE TABLE NTC_RECOMMENDED (
  ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  SCHOOL_ID BIGINT NOT NULL,
  RECOMMENDED_AT TIMESTAMP NOT NULL,
  RECOMMENDED_BY VARCHAR(36),
  CONSTRAINT NTC_RECOMMENDED_SCHOOL UNIQUE (SCHOOL_ID)
);
-- The days whose digest went out, written in the transaction that queues it: several nodes, or a
-- restart, send a day's digest once.
CREATE TABLE NTC_DIGEST_SENT (
  DIGEST_DAY DATE NOT NULL PRIMARY KEY,
  SENT_AT TIMESTAMP NOT NULL,
  SCHOOLS INT NOT NULL
);
