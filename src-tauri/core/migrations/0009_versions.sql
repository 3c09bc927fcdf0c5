-- Schema 9: edit versions, so that two people editing one record at the same time never overwrite
-- each other unseen (docs/reliability.md "Two people at once"). Every record with an edit form
-- that saves it whole carries a version: a form remembers the version it was loaded at, and its
-- save is refused (`edit_conflict`) unless that is still the stored one; every change of the
-- record, through its form or any other step (a fee payment, a merge, a decision), adds 1.
-- Existing records start at version 1.
ALTER TABLE achievement ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE contract ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE organization ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE disclosure ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE publicity ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE resolution ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE ownership_grant ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE valuation ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE policy ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE institution ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE report_year ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

-- Lists saved whole that are no one row: the scoring sheet of the pre-filing assessment
-- (`assessment_criteria`) and the listed days of each holiday year (`holiday:2026`). No row:
-- version 0, never saved through a form.
CREATE TABLE list_version (
    list    TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1)
) STRICT;
