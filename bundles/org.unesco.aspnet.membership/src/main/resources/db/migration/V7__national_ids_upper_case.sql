-- National school ids are compared as typed in upper case (a French UAI 0750654D, never
-- 0750654d): applications, edits and imports now store them so. Ids stored before in another case
-- are brought in line, or a lower-case one would never be found as the duplicate it is. The
-- (COUNTRY, NATIONAL_ID) index is not unique: two schools whose ids differed only by case now
-- share one, and the next edit of either's identity, or an application with it, shows them as
-- likely duplicates.
UPDATE MEM_SCHOOL SET NATIONAL_ID = UPPER(NATIONAL_ID) WHERE NATIONAL_ID <> UPPER(NATIONAL_ID);
