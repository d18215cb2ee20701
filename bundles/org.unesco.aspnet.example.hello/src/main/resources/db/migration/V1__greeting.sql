-- The greeting the example plugin answers with; one row, edited through PUT /api/v1/hello/greeting.
CREATE TABLE HELLO_GREETING (
  ID INT NOT NULL PRIMARY KEY,
  TEXT VARCHAR(200) NOT NULL,
  REVISION INT NOT NULL
);
INSERT INTO HELLO_GREETING (ID, TEXT, REVISION) VALUES (1, 'Hello', 1);
