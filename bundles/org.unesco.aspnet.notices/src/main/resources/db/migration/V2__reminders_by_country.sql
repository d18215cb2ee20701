-- A run reads the reminders of one country and year (who was reminded in the last 7 days, who has had
-- an automatic reminder of a kind): an index on the country, year and kind, so that it reads that
-- country's rows only, not the whole network's for the year. The index on the year alone served the
-- reads of V1's code, which looked at every country's rows; no query reads by year alone any more.
CREATE INDEX NTC_REMINDER_COUNTRY ON NTC_REPORT_REMINDER (COUNTRY, REPORT_YEAR, KIND);
DROP INDEX NTC_REMINDER_YEAR;
