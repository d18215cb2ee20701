-- A country's national network and region are edited by HQ and its NCs: the revision is the ETag
-- an edit names in If-Match, so that one person's edit is never written over another's unseen.
ALTER TABLE MEM_COUNTRY ADD COLUMN REVISION INT NOT NULL DEFAULT 1;
