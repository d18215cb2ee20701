-- Sign-ins (and registrations) whose password is being checked: one row for the attempt's account
-- and one for its address, deleted when the attempt is known right or wrong. An attempt goes ahead
-- only when it would still be allowed were every attempt in flight against its rows wrong, so that
-- guesses sent at once get no more checks than guesses sent one by one, and right passwords sent at
-- once are never refused because of one another (docs/security.md). A row older than a minute is
-- an attempt whose node stopped: it is counted as a failure.
CREATE TABLE SEC_LOGIN_IN_FLIGHT (
  SUBJECT VARCHAR(300) NOT NULL,
  ATTEMPT VARCHAR(36) NOT NULL,
  STARTED_AT TIMESTAMP NOT NULL,
  PRIMARY KEY (SUBJECT, ATTEMPT)
);
