-- POSTs sent with an Idempotency-Key (docs/api.md, "Sending again safely"): the first request's
-- successful answer, kept a day and given again to a repeat, so that a lost answer on a slow
-- connection does not make a second school. STATUS is null while the first request runs, under the
-- CLAIM of the request that runs it (a node that took over an abandoned one holds a new claim, and
-- the first may no longer write). WITHHELD: done, its answer not kept (a secret shown once, or too
-- large): a repeat is told it was done.
CREATE TABLE SEC_IDEMPOTENT_REQUEST (
  SCOPE VARCHAR(36) NOT NULL,
  IDEM_KEY VARCHAR(200) NOT NULL,
  FINGERPRINT VARCHAR(64) NOT NULL,
  CLAIM VARCHAR(36) NOT NULL,
  STATUS INTEGER,
  WITHHELD BOOLEAN DEFAULT FALSE NOT NULL,
  CONTENT_TYPE VARCHAR(200),
  LOCATION VARCHAR(2000),
  ETAG VARCHAR(200),
  BODY VARCHAR(32000),
  CREATED_AT TIMESTAMP NOT NULL,
  PRIMARY KEY (SCOPE, IDEM_KEY)
);
CREATE INDEX SEC_IDEMPOTENT_REQUEST_AGE ON SEC_IDEMPOTENT_REQUEST (CREATED_AT);
