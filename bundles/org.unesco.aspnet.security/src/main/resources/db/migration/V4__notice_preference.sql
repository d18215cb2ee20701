-- Whether the account's owner wants the membership notices their roles bring (docs/mail.md);
-- everyone does until they say otherwise.
ALTER TABLE SEC_ACCOUNT ADD COLUMN MEMBERSHIP_NOTICES BOOLEAN DEFAULT TRUE NOT NULL;
