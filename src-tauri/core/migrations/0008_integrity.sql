-- Tamper evidence (docs/reliability.md "Tamper evidence"): every audit entry from this schema on
-- carries the digests of the rows its write left behind, chained into the entry's hash, so that
-- `verify` proves each row of the records against the log.
-- Never edit this file once released: add a later migration instead.

-- The SHA-256 (hex) of the entry's audit_row rows; NULL for entries written before this schema,
-- whose hash covers their fields only.
ALTER TABLE audit_log ADD COLUMN rows_sha256 TEXT CHECK (rows_sha256 IS NULL OR length(rows_sha256) = 64);

-- One row per record row an entry's write created, changed or deleted: the table, the row's key
-- (its rowid, or its primary key: the value, or a JSON array of the values), and the row's digest
-- (32 bytes of SHA-256, then 4 bytes per column to name what differs; NULL: the row was deleted).
-- The newest entry of a (tbl, key) says what that row must be now.
CREATE TABLE audit_row (
    tbl      TEXT NOT NULL,
    key      TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES audit_log(id),
    digest   BLOB CHECK (digest IS NULL OR length(digest) >= 32),
    PRIMARY KEY (tbl, key, entry_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_row_no_update BEFORE UPDATE ON audit_row
BEGIN SELECT RAISE(ABORT, 'audit_row is append-only'); END;
CREATE TRIGGER audit_row_no_delete BEFORE DELETE ON audit_row
BEGIN SELECT RAISE(ABORT, 'audit_row is append-only'); END;
