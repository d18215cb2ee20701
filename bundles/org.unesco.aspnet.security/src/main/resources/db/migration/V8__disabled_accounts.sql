-- An account may be disabled (docs/security.md, "Disabling an account"): it signs in no more, and
-- its sessions and API tokens stop; its roles stay, for when it is enabled again. Who disabled it,
-- when and why are kept beside it (the audit log has them too).
ALTER TABLE SEC_ACCOUNT ADD COLUMN DISABLED_AT TIMESTAMP;
ALTER TABLE SEC_ACCOUNT ADD COLUMN DISABLED_BY VARCHAR(36);
-- 500 characters as people count them: twice that in UTF-16 units, which Derby counts
ALTER TABLE SEC_ACCOUNT ADD COLUMN DISABLED_REASON VARCHAR(1000);
