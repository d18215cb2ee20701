-- What a school left in the countries it moved away from: per country code, its unit and its extra
-- fields there, one JSON object ({"DE": {"unit": "BE", "fields": {...}}}). Moved back, they are
-- given again (values sent with the move win). VARCHAR(32000), as other long texts, for Derby and
-- PostgreSQL alike: the countries left longest ago give way when it is full (the audit keeps them).
ALTER TABLE MEM_SCHOOL ADD COLUMN LEFT_BEHIND VARCHAR(32000);
