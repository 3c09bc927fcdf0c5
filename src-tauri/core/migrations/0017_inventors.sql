-- Schema 17: the inventors' side (issue 20): the disclosures they write, the fee questions they
-- answer, the objections they file, and the notifications of every account.
-- Never edit this file once released: add a later migration instead.

-- A disclosure an inventor writes: its author, and where it stands between them and the office.
-- Submitted, it is in the office's intake; the office may send it back with a note, and the
-- author submits it again. Disclosures the office enters itself have no author and are
-- submitted. Whether the assessment's scores are shown to the inventors is the office's choice.
ALTER TABLE disclosure ADD COLUMN author_id INTEGER REFERENCES person(id);
ALTER TABLE disclosure ADD COLUMN stage TEXT NOT NULL DEFAULT 'submitted' CHECK (stage IN ('submitted', 'returned'));
ALTER TABLE disclosure ADD COLUMN returned_note TEXT CHECK (returned_note IS NULL OR length(returned_note) BETWEEN 1 AND 2000);
ALTER TABLE disclosure ADD COLUMN scores_published INTEGER NOT NULL DEFAULT 0 CHECK (scores_published IN (0, 1));
CREATE INDEX disclosure_author ON disclosure(author_id) WHERE author_id IS NOT NULL;
-- An inventor's disclosures are found by person (inventor::disclosure::mine).
CREATE INDEX disclosure_inventor_person ON disclosure_inventor(person_id);

-- An inventor's draft of a disclosure: the form as typed (JSON), complete or not, the author's
-- alone until submitted, when it becomes a disclosure and the draft goes.
CREATE TABLE disclosure_draft (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES person(id),
    saved_at  TEXT NOT NULL,
    form      TEXT NOT NULL CHECK (json_valid(form) AND length(form) <= 100000),
    version   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
) STRICT;
CREATE INDEX disclosure_draft_author ON disclosure_draft(author_id);

-- 维持/放弃征询: the office asks a patent's inventors whether to keep paying its fees. Each
-- inventor answers once (and may change the answer until the office decides); the date of the
-- answers is what the fee decision records as "inventors notified".
CREATE TABLE fee_question (
    id             INTEGER PRIMARY KEY,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    asked_on       TEXT NOT NULL CHECK (date(asked_on) = asked_on),
    answer_by      TEXT NOT NULL CHECK (date(answer_by) = answer_by AND answer_by >= asked_on),
    question       TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
    -- The fee decision that closed it.
    decision_id    INTEGER REFERENCES fee_decision(id)
) STRICT;
CREATE INDEX fee_question_achievement ON fee_question(achievement_id);

CREATE TABLE fee_answer (
    question_id INTEGER NOT NULL REFERENCES fee_question(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    answer      TEXT NOT NULL CHECK (answer IN ('keep', 'lapse', 'take_over')),
    answered_on TEXT NOT NULL CHECK (date(answered_on) = answered_on),
    note        TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000),
    PRIMARY KEY (question_id, person_id)
) STRICT, WITHOUT ROWID;

-- Who filed a price objection through the inventors' side (the office's own entries have none).
CREATE TABLE objection_author (
    objection_id INTEGER PRIMARY KEY REFERENCES objection(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person(id)
) STRICT;

-- 奖励公示异议: an objection to a reward distribution during its publicity. A pending or upheld
-- one stops the payment, as a price objection stops the signing.
CREATE TABLE reward_objection (
    id              INTEGER PRIMARY KEY,
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES person(id),
    objector        TEXT NOT NULL CHECK (length(objector) BETWEEN 1 AND 200),
    received_on     TEXT NOT NULL CHECK (date(received_on) = received_on),
    content         TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
    outcome         TEXT NOT NULL CHECK (outcome IN ('pending', 'upheld', 'rejected')),
    handling        TEXT CHECK (handling IS NULL OR length(handling) BETWEEN 1 AND 5000),
    resolved_on     TEXT CHECK (resolved_on IS NULL OR date(resolved_on) = resolved_on),
    CHECK ((outcome = 'pending') = (resolved_on IS NULL)),
    CHECK (resolved_on IS NULL OR resolved_on >= received_on)
) STRICT;
CREATE INDEX reward_objection_distribution ON reward_objection(distribution_id);

-- The files an objection came with, kept in the data folder by content hash like attachments.
CREATE TABLE objection_file (
    id                  INTEGER PRIMARY KEY,
    objection_id        INTEGER REFERENCES objection(id) ON DELETE CASCADE,
    reward_objection_id INTEGER REFERENCES reward_objection(id) ON DELETE CASCADE,
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    size                INTEGER NOT NULL CHECK (size >= 0),
    CHECK ((objection_id IS NULL) <> (reward_objection_id IS NULL))
) STRICT;

-- 通知: what an account is told. Addressed to a person (the accounts tied to them) or to every
-- account of a role (of a secretary: one department's). Written in the same transaction as what
-- it tells of; `link` is the screen's route.
CREATE TABLE notification (
    id            INTEGER PRIMARY KEY,
    created_at    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('disclosure_submitted', 'disclosure_returned', 'disclosure_decided',
                      'fee_question', 'fee_answered', 'publicity_started', 'objection_filed', 'objection_handled',
                      'distribution_approved', 'distribution_paid')),
    person_id     INTEGER REFERENCES person(id),
    role          TEXT CHECK (role IS NULL OR role IN ('admin', 'office', 'secretary', 'finance', 'leader')),
    department_id INTEGER REFERENCES department(id),
    subject       TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    link          TEXT NOT NULL CHECK (length(link) BETWEEN 1 AND 200),
    CHECK ((person_id IS NULL) <> (role IS NULL))
) STRICT;
CREATE INDEX notification_person ON notification(person_id, id) WHERE person_id IS NOT NULL;
CREATE INDEX notification_role ON notification(role, id) WHERE role IS NOT NULL;

-- Which notifications an account has read. Not a record the audit log speaks for (like sessions).
CREATE TABLE notification_read (
    account_id      INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    notification_id INTEGER NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, notification_id)
) STRICT, WITHOUT ROWID;

-- The e-mails owed for notifications when the server sends mail: one per address, until sent.
-- Not a record the audit log speaks for either.
CREATE TABLE notification_mail (
    notification_id INTEGER NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
    address         TEXT NOT NULL CHECK (length(address) BETWEEN 3 AND 254),
    queued_at       TEXT NOT NULL,
    sent_at         TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error      TEXT,
    PRIMARY KEY (notification_id, address)
) STRICT, WITHOUT ROWID;

-- Where an account's notifications are mailed, when the server sends mail (the university's
-- sign-on fills it from the identity's e-mail; the account may change it).
ALTER TABLE account ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
