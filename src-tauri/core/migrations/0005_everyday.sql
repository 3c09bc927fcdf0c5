-- Schema 5: everyday use (dashboard, search, institution profile, saved import mappings) and the
-- indexes the large portfolio needs. Each block below is owned by one area; add to your own block.

-- == institution profile (lead) ==
-- 单位代码 (统一社会信用代码 or the ministry's code), 单位类型 and 主管部门, for the report's cover.
ALTER TABLE institution ADD COLUMN code TEXT CHECK (code IS NULL OR length(code) BETWEEN 1 AND 40);
ALTER TABLE institution ADD COLUMN kind TEXT NOT NULL DEFAULT 'university' CHECK (kind IN ('university', 'institute', 'hospital', 'other'));
ALTER TABLE institution ADD COLUMN competent_department TEXT CHECK (competent_department IS NULL OR length(competent_department) BETWEEN 1 AND 100);

-- == saved import mappings (import wizard) ==
-- The mapping an office chose for its own workbook (import wizard): found again by the table and
-- a signature (SHA-256) of the sheet's headers; `mapping` is the Mapping as JSON.
CREATE TABLE import_mapping (
    id         INTEGER PRIMARY KEY,
    table_kind TEXT NOT NULL CHECK (table_kind IN ('people', 'organizations', 'achievements', 'contracts', 'receipts', 'costs')),
    signature  TEXT NOT NULL CHECK (length(signature) = 64),
    headers    TEXT NOT NULL CHECK (json_valid(headers)),
    mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
    saved_at   TEXT NOT NULL,
    UNIQUE (table_kind, signature)
) STRICT;

-- == people and organizations: merges (people) ==
-- 银行账号 (digits only; shown masked unless revealed).
ALTER TABLE person ADD COLUMN bank_account TEXT CHECK (bank_account IS NULL OR (length(bank_account) BETWEEN 12 AND 30 AND bank_account NOT GLOB '*[^0-9]*'));
-- A merged duplicate points at the record kept; it is hidden from lists and pickers.
ALTER TABLE person ADD COLUMN merged_into INTEGER REFERENCES person(id);
ALTER TABLE organization ADD COLUMN merged_into INTEGER REFERENCES organization(id);
CREATE INDEX person_merged ON person(merged_into);
CREATE INDEX organization_merged ON organization(merged_into);

-- 合并: a duplicate folded into the record kept (kind merge), or a merge undone by a
-- counter-entry (kind unmerge, undoes = the merge). Never changed or deleted.
CREATE TABLE merge (
    id           INTEGER PRIMARY KEY,
    entity       TEXT NOT NULL CHECK (entity IN ('person', 'organization')),
    kind         TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge')),
    keep_id      INTEGER NOT NULL,
    duplicate_id INTEGER NOT NULL CHECK (duplicate_id <> keep_id),
    undoes_id    INTEGER UNIQUE REFERENCES merge(id),
    reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    CHECK ((kind = 'unmerge') = (undoes_id IS NOT NULL))
) STRICT;
CREATE INDEX merge_keep ON merge(entity, keep_id);
CREATE INDEX merge_duplicate ON merge(entity, duplicate_id);

-- Exactly which rows a merge (or unmerge) moved: the table and the row's key.
CREATE TABLE merge_moved (
    merge_id  INTEGER NOT NULL REFERENCES merge(id),
    position  INTEGER NOT NULL CHECK (position >= 0),
    reference TEXT NOT NULL CHECK (reference IN ('inventor', 'disclosure_inventor', 'grant_member', 'distribution_line', 'contract', 'co_owner', 'publicity')),
    key1      INTEGER NOT NULL,
    key2      INTEGER,
    PRIMARY KEY (merge_id, position)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER merge_no_update BEFORE UPDATE ON merge
BEGIN SELECT RAISE(ABORT, 'merge is append-only'); END;
CREATE TRIGGER merge_no_delete BEFORE DELETE ON merge
BEGIN SELECT RAISE(ABORT, 'merge is append-only'); END;
CREATE TRIGGER merge_moved_no_update BEFORE UPDATE ON merge_moved
BEGIN SELECT RAISE(ABORT, 'merge_moved is append-only'); END;
CREATE TRIGGER merge_moved_no_delete BEFORE DELETE ON merge_moved
BEGIN SELECT RAISE(ABORT, 'merge_moved is append-only'); END;

-- == full-text search (lead) ==
-- What the search box finds: one row per record, its text kept in step by triggers, indexed by
-- FTS5 with trigrams (Chinese has no spaces: any three characters of a title, number or name
-- find it; shorter queries scan search_text). Numbers are also kept without separators so that
-- CN 2023 1012 3456.7, ZL202310123456.7 and 2023101234567 find the same patent.
-- While a bulk writer (a large import, the large demo) holds a row here, the triggers stand
-- still; it rebuilds the whole index once at the end of the same transaction (search::resume).
CREATE TABLE search_paused (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;

CREATE VIEW search_source (id, kind, record_id, label, detail, body) AS
SELECT a.id * 4, 'achievement', a.id, a.title, a.achievement_no || coalesce(' · ' || a.application_no, ''),
       a.title || ' ' || a.achievement_no || ' ' || coalesce(a.application_no, '') || ' ' || coalesce(a.grant_no, '') || ' '
       || upper(replace(replace(replace(replace(coalesce(a.application_no, '') || ' ' || coalesce(a.grant_no, ''), '.', ''), '-', ''), '/', ''), ' ', ''))
       || ' ' || coalesce((SELECT group_concat(p.name, ' ') FROM inventor i JOIN person p ON p.id = i.person_id WHERE i.achievement_id = a.id), '') || ' '
FROM achievement a
UNION ALL
SELECT p.id * 4 + 1, 'person', p.id, p.name, p.employee_id || ' · ' || d.name, p.name || ' ' || p.employee_id || ' ' || d.name || ' '
FROM person p JOIN department d ON d.id = p.department_id WHERE p.merged_into IS NULL
UNION ALL
SELECT o.id * 4 + 2, 'organization', o.id, o.name, coalesce(o.credit_code || ' · ', '') || o.region, o.name || ' ' || coalesce(o.credit_code, '') || ' ' || o.region || ' '
FROM organization o WHERE o.merged_into IS NULL
UNION ALL
SELECT c.id * 4 + 3, 'contract', c.id, c.title, c.contract_no || ' · ' || o.name,
       c.contract_no || ' ' || upper(replace(replace(replace(replace(c.contract_no, '.', ''), '-', ''), '/', ''), ' ', '')) || ' ' || c.title || ' ' || o.name
       || ' ' || coalesce(c.registration_no, '') || ' '
FROM contract c JOIN organization o ON o.id = c.organization_id;

-- id is record_id * 4 + the kind's number (achievement 0, person 1, organization 2, contract 3),
-- so that a list filters its ids straight from the index's rowids.
CREATE TABLE search_text (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('achievement', 'person', 'organization', 'contract')),
    record_id INTEGER NOT NULL,
    label     TEXT NOT NULL,
    detail    TEXT NOT NULL,
    body      TEXT NOT NULL,
    UNIQUE (kind, record_id)
) STRICT;
CREATE VIRTUAL TABLE search_index USING fts5(body, content = 'search_text', content_rowid = 'id', tokenize = 'trigram');
-- The index's trigrams: a two-character word is looked up as the trigrams it starts.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');
CREATE TRIGGER search_text_insert AFTER INSERT ON search_text WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN INSERT INTO search_index (rowid, body) VALUES (new.id, new.body); END;
CREATE TRIGGER search_text_delete AFTER DELETE ON search_text WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body); END;

INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source;
CREATE TRIGGER search_achievement_insert AFTER INSERT ON achievement WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'achievement' AND record_id IN (new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'achievement' AND record_id IN (new.id);
END;
CREATE TRIGGER search_achievement_update AFTER UPDATE ON achievement WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'achievement' AND record_id IN (new.id, old.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'achievement' AND record_id IN (new.id, old.id);
END;
CREATE TRIGGER search_achievement_delete AFTER DELETE ON achievement WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN DELETE FROM search_text WHERE kind = 'achievement' AND record_id = old.id; END;
CREATE TRIGGER search_person_insert AFTER INSERT ON person WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'person' AND record_id IN (new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'person' AND record_id IN (new.id);
END;
CREATE TRIGGER search_person_update AFTER UPDATE ON person WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'person' AND record_id IN (new.id, old.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'person' AND record_id IN (new.id, old.id);
END;
CREATE TRIGGER search_person_delete AFTER DELETE ON person WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN DELETE FROM search_text WHERE kind = 'person' AND record_id = old.id; END;
CREATE TRIGGER search_organization_insert AFTER INSERT ON organization WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'organization' AND record_id IN (new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'organization' AND record_id IN (new.id);
END;
CREATE TRIGGER search_organization_update AFTER UPDATE ON organization WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'organization' AND record_id IN (new.id, old.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'organization' AND record_id IN (new.id, old.id);
END;
CREATE TRIGGER search_organization_delete AFTER DELETE ON organization WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN DELETE FROM search_text WHERE kind = 'organization' AND record_id = old.id; END;
CREATE TRIGGER search_contract_insert AFTER INSERT ON contract WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'contract' AND record_id IN (new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'contract' AND record_id IN (new.id);
END;
CREATE TRIGGER search_contract_update AFTER UPDATE ON contract WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'contract' AND record_id IN (new.id, old.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'contract' AND record_id IN (new.id, old.id);
END;
CREATE TRIGGER search_contract_delete AFTER DELETE ON contract WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN DELETE FROM search_text WHERE kind = 'contract' AND record_id = old.id; END;
CREATE TRIGGER search_inventor_insert AFTER INSERT ON inventor WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'achievement' AND record_id IN (new.achievement_id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'achievement' AND record_id IN (new.achievement_id);
END;
CREATE TRIGGER search_inventor_delete AFTER DELETE ON inventor WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'achievement' AND record_id IN (old.achievement_id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'achievement' AND record_id IN (old.achievement_id);
END;
CREATE TRIGGER search_person_name AFTER UPDATE OF name ON person WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'achievement' AND record_id IN (SELECT achievement_id FROM inventor WHERE person_id = new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'achievement' AND record_id IN (SELECT achievement_id FROM inventor WHERE person_id = new.id);
END;
CREATE TRIGGER search_department_name AFTER UPDATE OF name ON department WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'person' AND record_id IN (SELECT id FROM person WHERE department_id = new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'person' AND record_id IN (SELECT id FROM person WHERE department_id = new.id);
END;
CREATE TRIGGER search_organization_name AFTER UPDATE OF name ON organization WHEN NOT EXISTS (SELECT 1 FROM search_paused)
BEGIN
    DELETE FROM search_text WHERE kind = 'contract' AND record_id IN (SELECT id FROM contract WHERE organization_id = new.id);
    INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = 'contract' AND record_id IN (SELECT id FROM contract WHERE organization_id = new.id);
END;

-- == indexes for the large portfolio (performance) ==
-- Each serves a hot query that otherwise reads a whole table (tests/query_plans.rs checks them).
-- The annual report's transfer-staff count (annual::indicators_for).
CREATE INDEX IF NOT EXISTS person_category ON person(category, department_id);
-- Whether a policy version is used by an approved distribution (policy::get, run by every plan).
CREATE INDEX IF NOT EXISTS distribution_policy ON distribution(policy_id, state);
-- The distribution list's year filter.
CREATE INDEX IF NOT EXISTS distribution_through ON distribution(through_on);
-- The distribution list's overdue filter: only unpaid distributions, by due day.
CREATE INDEX IF NOT EXISTS distribution_unpaid ON distribution(payment_due_on) WHERE state <> 'paid';
