-- Team mode (the office server): the accounts people sign in with, their sessions, and the
-- access log of sign-ins and of reads of other people's personal data. The desktop app uses none
-- of them.

CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(login) BETWEEN 2 AND 64),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role          TEXT NOT NULL CHECK (role IN ('admin', 'office', 'secretary', 'finance', 'leader', 'inventor')),
    -- A secretary's 学院: the only department whose records the account sees.
    department_id INTEGER REFERENCES department(id),
    -- The person the account belongs to (an inventor's own records; named in the audit log).
    person_id     INTEGER REFERENCES person(id),
    -- argon2id in PHC form; NULL for an account that signs on through the university only.
    password_hash TEXT,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    CHECK ((role = 'secretary') = (department_id IS NOT NULL)),
    CHECK (role <> 'inventor' OR person_id IS NOT NULL)
) STRICT;

-- A session is known by the SHA-256 of its token: the token itself lives only in the browser's
-- cookie, so a copy of the data file signs nobody in.
CREATE TABLE session (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES account(id),
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

-- Who signed in (or failed to), signed out, and read or exported other people's personal data:
-- not changes, so not in the audit log, but kept the same way (append-only).
CREATE TABLE access_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    account  TEXT NOT NULL,
    address  TEXT NOT NULL DEFAULT '',
    event    TEXT NOT NULL CHECK (event IN ('sign_in', 'sign_in_refused', 'sign_in_locked', 'sign_out', 'sign_out_everywhere', 'password_changed', 'personal_data_read', 'personal_data_exported')),
    subject  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX access_log_account ON access_log(account, at);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
