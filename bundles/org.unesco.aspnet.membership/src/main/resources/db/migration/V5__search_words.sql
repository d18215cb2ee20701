-- The directory's word index: every word of a school's name and city (as SearchKey folds them),
-- so that a free-text search reads the schools that have the word instead of every school of a
-- country. (COUNTRY, WORD, SCHOOL_ID) answers "schools of FR with the word curie, in id order".
CREATE TABLE MEM_SCHOOL_WORD (
  COUNTRY CHAR(2) NOT NULL,
  WORD VARCHAR(64) NOT NULL,
  SCHOOL_ID BIGINT NOT NULL,
  CONSTRAINT MEM_SCHOOL_WORD_PK PRIMARY KEY (COUNTRY, WORD, SCHOOL_ID)
);
CREATE INDEX MEM_SCHOOL_WORD_ANY_COUNTRY ON MEM_SCHOOL_WORD (WORD, SCHOOL_ID);
CREATE INDEX MEM_SCHOOL_WORD_SCHOOL ON MEM_SCHOOL_WORD (SCHOOL_ID);
-- Every word known, to turn a typed prefix ("cur") into the words it stands for ("curie").
CREATE TABLE MEM_SEARCH_WORD (
  WORD VARCHAR(64) NOT NULL PRIMARY KEY
);
-- Whether every school is in the word index. An installation upgraded with schools in it builds
-- the index in the background, and search reads the schools themselves until it is done.
CREATE TABLE MEM_SEARCH_STATE (
  ID INT NOT NULL PRIMARY KEY,
  COMPLETE SMALLINT NOT NULL
);
INSERT INTO MEM_SEARCH_STATE (ID, COMPLETE) SELECT 1, CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM MEM_SCHOOL;
