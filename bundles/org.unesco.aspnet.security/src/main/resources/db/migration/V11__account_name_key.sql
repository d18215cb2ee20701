-- The name of an account as a search compares it (SearchKey: lower case, without accents or
-- punctuation), so that "jose" finds "José Gómez" (docs/security.md). Set when an account is made;
-- the accounts made before are given theirs once, after the start (SecurityStore.fillNameKeys), and
-- are searched by LOWER(NAME) until then.
ALTER TABLE SEC_ACCOUNT ADD COLUMN NAME_KEY VARCHAR(1000);
