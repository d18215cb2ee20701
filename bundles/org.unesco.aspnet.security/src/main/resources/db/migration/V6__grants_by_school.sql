-- A school's roles and pending invitations are found by the school: when it moves to another
-- country or unit they move with it (Accounts.schoolMoved), and a school's people are told of its
-- decisions (Accounts.noticeRecipients).
CREATE INDEX SEC_GRANT_SCHOOL ON SEC_GRANT (SCHOOL);
CREATE INDEX SEC_LINK_SCHOOL ON SEC_ONE_TIME_LINK (SCHOOL);
