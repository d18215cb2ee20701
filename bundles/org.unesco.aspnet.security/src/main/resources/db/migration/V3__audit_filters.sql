-- The audit log read by what changed (a school's entries) and by who changed it, newest first.
CREATE INDEX AUDIT_LOG_ENTITY ON AUDIT_LOG (ENTITY, ENTITY_ID, ID);
CREATE INDEX AUDIT_LOG_ACTOR ON AUDIT_LOG (ACTOR_EMAIL, ID);
