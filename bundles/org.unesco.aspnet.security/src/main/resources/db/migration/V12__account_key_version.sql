-- The version of the fold (core's SearchKey.version()) that SEC_ACCOUNT.NAME_KEY was made with. A
-- release whose fold is newer makes the keys again once, after the start
-- (SecurityStore.fillNameKeys), and records its version here.
CREATE TABLE SEC_SEARCH_STATE (
  ID INT NOT NULL PRIMARY KEY,
  KEY_VERSION INT NOT NULL
);
INSERT INTO SEC_SEARCH_STATE (ID, KEY_VERSION) VALUES (1, 1);
