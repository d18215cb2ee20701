-- When an account last signed in (docs/security.md, "Accounts nobody uses"): an account nobody has
-- used for a year is one to disable before someone else finds its password. Set when a session opens.
ALTER TABLE SEC_ACCOUNT ADD COLUMN LAST_SIGNED_IN_AT TIMESTAMP;
-- what is known of the past: the newest session still kept (older ones have expired and gone)
UPDATE SEC_ACCOUNT SET LAST_SIGNED_IN_AT = (SELECT MAX(S.CREATED_AT) FROM SEC_SESSION S WHERE S.ACCOUNT_ID = SEC_ACCOUNT.ID);
