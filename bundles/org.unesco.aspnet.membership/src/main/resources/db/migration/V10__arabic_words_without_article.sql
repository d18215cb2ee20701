-- The word index now also keeps an Arabic word without its article (النور is indexed as نور too).
-- Where the directory holds such a word, the index is built again in the background (search reads
-- the schools themselves meanwhile, as after the upgrade that made it).
UPDATE MEM_SEARCH_STATE SET COMPLETE = 0 WHERE EXISTS (
  SELECT 1 FROM MEM_SCHOOL WHERE NAME_KEY LIKE '%ال%' OR CITY_KEY LIKE '%ال%'
);
