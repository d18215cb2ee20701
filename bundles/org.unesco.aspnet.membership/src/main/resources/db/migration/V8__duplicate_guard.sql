-- One row per country that serialises the look-up of likely duplicates with the write that
-- follows it: two applications of the same school sent at once, or an application during an
-- import of its country, would otherwise both find nothing and both be written. An application
-- or an edit of a school's identity takes its country's row for its transaction; an import takes
-- the rows of its countries before it writes and compares VERSION with the one it read before
-- checking the file. Rows are made on first use (see DuplicateGuard).
CREATE TABLE MEM_DUPLICATE_GUARD (
  COUNTRY CHAR(2) NOT NULL PRIMARY KEY,
  VERSION BIGINT NOT NULL
);
