-- The word index loses its index on SCHOOL_ID alone: every school written paid for it (one more
-- B-tree entry per word), and only a rename used it. A rename now deletes the entries of the
-- words the school had, by the primary key.
DROP INDEX MEM_SCHOOL_WORD_SCHOOL;
