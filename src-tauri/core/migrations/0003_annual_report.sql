-- Schema version 3: the annual report's year settings, narrative, typical cases and filing snapshot.
-- Never edit this file once released: add 0004_….sql instead.

-- 年度报告: one row per report year once a person has touched it (due date, narrative, filing).
CREATE TABLE report_year (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
    due_on      TEXT NOT NULL CHECK (date(due_on) = due_on),
    -- The narrative of the six parts of the official form, as a JSON array of six strings.
    narrative   TEXT NOT NULL DEFAULT '["","","","","",""]' CHECK (json_valid(narrative) AND json_array_length(narrative) = 6),
    -- Filing freezes a snapshot: the indicators and the narrative as they were sent.
    filed_at    TEXT,
    filed_by    TEXT,
    snapshot    TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
    CHECK ((filed_at IS NULL) = (snapshot IS NULL))
) STRICT;

-- 典型案例: contracts picked as typical cases of the year, with their text.
CREATE TABLE report_case (
    year        INTEGER NOT NULL REFERENCES report_year(year) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    contract_id INTEGER NOT NULL REFERENCES contract(id),
    text        TEXT NOT NULL CHECK (length(text) <= 5000),
    PRIMARY KEY (year, position)
) STRICT, WITHOUT ROWID;

-- The files as filed (the XLSX and PDF that were sent), kept byte for byte.
CREATE TABLE report_file (
    year   INTEGER NOT NULL REFERENCES report_year(year),
    name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    bytes  BLOB NOT NULL,
    PRIMARY KEY (year, name)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_file_no_update BEFORE UPDATE ON report_file
BEGIN SELECT RAISE(ABORT, 'filed files are never changed'); END;
CREATE TRIGGER report_file_no_delete BEFORE DELETE ON report_file
BEGIN SELECT RAISE(ABORT, 'filed files are never deleted'); END;

CREATE TRIGGER report_year_filed_is_final BEFORE UPDATE ON report_year WHEN OLD.filed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a filed report year is never edited'); END;
