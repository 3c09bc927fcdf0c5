-- Schema 12: splits the team agreed, and the net income's split among named recipients
-- (docs/rules/rewards.md "Amounts the team agreed" and "Recipients of the institution's part").
-- Never edit this file once released: add a later migration instead.

-- A policy version's institutional recipients (学院, 学校, 转化办, a fund…), each with a share of
-- the net income in bp. The team's ratio and the recipients' shares add up to 100 %. A version
-- without recipients keeps the whole institution's part, as before this schema.
CREATE TABLE policy_recipient (
    policy_id INTEGER NOT NULL REFERENCES policy(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    share_bp  INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    PRIMARY KEY (policy_id, position)
) STRICT, WITHOUT ROWID;

-- The informational "remainder split" of schema 2 (department, university, transfer office, in
-- bp of the institution's part) becomes recipients in bp of the net income, at the version's
-- transfer ratio: part × (10000 − transfer_bp) / 10000, rounded half up, the university taking
-- what rounding leaves. The default (all to the university) is no split at all: no recipients.
-- The old columns stay (a released schema is never changed) but are no longer read.
INSERT INTO policy_recipient (policy_id, position, name, share_bp)
SELECT id, position, name, share_bp FROM (
    SELECT id, 0 AS position, '院系' AS name, (remainder_department_bp * (10000 - transfer_bp) + 5000) / 10000 AS share_bp
    FROM policy WHERE remainder_university_bp < 10000
    UNION ALL
    SELECT id, 1, '学校',
           (10000 - transfer_bp)
           - (remainder_department_bp * (10000 - transfer_bp) + 5000) / 10000
           - (remainder_office_bp * (10000 - transfer_bp) + 5000) / 10000
    FROM policy WHERE remainder_university_bp < 10000
    UNION ALL
    SELECT id, 2, '转化机构', (remainder_office_bp * (10000 - transfer_bp) + 5000) / 10000
    FROM policy WHERE remainder_university_bp < 10000
) WHERE share_bp > 0;

-- A distribution's lines for the recipients: each one's part of the institution's part, to the
-- fen. Frozen from approval on, like the persons' lines.
CREATE TABLE distribution_recipient (
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    share_bp        INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    amount_fen      INTEGER NOT NULL,
    PRIMARY KEY (distribution_id, position)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER distribution_recipient_frozen BEFORE UPDATE ON distribution_recipient
WHEN (SELECT state FROM distribution WHERE id = OLD.distribution_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'amounts are frozen from approval on'); END;
CREATE TRIGGER distribution_recipient_kept BEFORE DELETE ON distribution_recipient
WHEN (SELECT state FROM distribution WHERE id = OLD.distribution_id) NOT IN ('draft')
BEGIN SELECT RAISE(ABORT, 'amounts are frozen from approval on'); END;

-- The team's own split: the lines are the amounts the team agreed (not shares of the pool), and
-- the signed allocation form is an attachment of the contract.
ALTER TABLE distribution ADD COLUMN agreed_amounts INTEGER NOT NULL DEFAULT 0 CHECK (agreed_amounts IN (0, 1));
ALTER TABLE distribution ADD COLUMN allocation_attachment_id INTEGER REFERENCES attachment(id);
