-- Messages waiting to be sent, and what became of them. The text is dropped once the message is
-- sent or given up (it may carry a secret link); the rest stays for the operators' view.
CREATE TABLE MAIL_OUTBOX (
  ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  KIND VARCHAR(60) NOT NULL,
  RECIPIENT VARCHAR(254) NOT NULL,
  SUBJECT VARCHAR(400) NOT NULL,
  BODY VARCHAR(16000),
  CREATED_AT TIMESTAMP NOT NULL,
  ATTEMPTS INTEGER NOT NULL DEFAULT 0,
  NEXT_ATTEMPT_AT TIMESTAMP NOT NULL,
  -- a sender that took the message holds it until then (several nodes share one database)
  CLAIMED_UNTIL TIMESTAMP,
  SENT_AT TIMESTAMP,
  FAILED_AT TIMESTAMP,
  LAST_ERROR VARCHAR(500)
);
CREATE INDEX MAIL_OUTBOX_DUE ON MAIL_OUTBOX (SENT_AT, FAILED_AT, NEXT_ATTEMPT_AT);
