-- An API token may be made to read only (GET and HEAD): a sync job that pulls the directory needs
-- no more, and its token, leaked, then changes nothing (docs/security.md, "API tokens").
ALTER TABLE SEC_API_TOKEN ADD COLUMN READ_ONLY BOOLEAN DEFAULT FALSE NOT NULL;
