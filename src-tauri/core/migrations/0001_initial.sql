-- Schema version 1: the portfolio, contracts and money, with the audit log.
-- Never edit this file once released: add 0002_….sql instead.

CREATE TABLE institution (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    province      TEXT NOT NULL CHECK (length(province) BETWEEN 2 AND 20),
    fee_reduction INTEGER NOT NULL CHECK (fee_reduction IN (0, 1))
) STRICT;

CREATE TABLE department (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
) STRICT;

CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    employee_id  TEXT NOT NULL UNIQUE CHECK (length(employee_id) BETWEEN 1 AND 40),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    department_id INTEGER NOT NULL REFERENCES department(id),
    category     TEXT NOT NULL DEFAULT 'researcher' CHECK (category IN ('researcher', 'transfer_staff', 'other')),
    leader_level TEXT NOT NULL DEFAULT 'none' CHECK (leader_level IN ('none', 'unit_principal', 'unit_deputy', 'middle')),
    id_number    TEXT CHECK (id_number IS NULL OR length(id_number) = 18)
) STRICT;
CREATE INDEX person_department ON person(department_id);
CREATE INDEX person_name ON person(name);

CREATE TABLE organization (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    credit_code TEXT UNIQUE CHECK (credit_code IS NULL OR length(credit_code) = 18),
    ownership   TEXT NOT NULL CHECK (ownership IN ('state_owned', 'private', 'foreign', 'university', 'institute', 'other')),
    size        TEXT CHECK (size IS NULL OR size IN ('large', 'medium', 'small', 'micro')),
    region      TEXT NOT NULL CHECK (length(region) BETWEEN 2 AND 20)
) STRICT;

CREATE TABLE achievement (
    id                INTEGER PRIMARY KEY,
    achievement_no    TEXT NOT NULL UNIQUE CHECK (length(achievement_no) BETWEEN 1 AND 40),
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    kind              TEXT NOT NULL CHECK (kind IN ('invention_patent', 'utility_model', 'design_patent', 'software_copyright', 'ic_layout', 'plant_variety', 'know_how', 'other')),
    application_no    TEXT UNIQUE,
    filed_on          TEXT CHECK (filed_on IS NULL OR date(filed_on) = filed_on),
    grant_no          TEXT,
    granted_on        TEXT CHECK (granted_on IS NULL OR date(granted_on) = granted_on),
    status            TEXT NOT NULL CHECK (status IN ('pending', 'in_force', 'lapsed', 'abandoned', 'expired')),
    department_id     INTEGER NOT NULL REFERENCES department(id),
    fiscal_project    TEXT,
    fees_paid_through INTEGER CHECK (fees_paid_through IS NULL OR fees_paid_through BETWEEN 1 AND 20),
    -- 1 when the import assumed fees_paid_through (the file left it empty): a warning finding.
    fees_paid_through_assumed INTEGER NOT NULL DEFAULT 0 CHECK (fees_paid_through_assumed IN (0, 1)),
    CHECK (kind NOT IN ('invention_patent', 'utility_model', 'design_patent') OR (application_no IS NOT NULL AND filed_on IS NOT NULL))
) STRICT;
CREATE INDEX achievement_kind ON achievement(kind, achievement_no);
CREATE INDEX achievement_status ON achievement(status, achievement_no);
CREATE INDEX achievement_department ON achievement(department_id, achievement_no);
CREATE INDEX achievement_filed ON achievement(filed_on);
CREATE INDEX achievement_granted ON achievement(granted_on);
CREATE INDEX achievement_title ON achievement(title);

-- 完成人: an achievement's inventors with their contribution shares (bp, summing to 10000).
CREATE TABLE inventor (
    achievement_id  INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES person(id),
    position        INTEGER NOT NULL CHECK (position >= 0),
    share_bp        INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
    key_contributor INTEGER NOT NULL CHECK (key_contributor IN (0, 1)),
    PRIMARY KEY (achievement_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX inventor_person ON inventor(person_id);

CREATE TABLE contract (
    id               INTEGER PRIMARY KEY,
    contract_no      TEXT NOT NULL UNIQUE CHECK (length(contract_no) BETWEEN 1 AND 60),
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    kind             TEXT NOT NULL CHECK (kind IN ('transfer', 'license', 'equity', 'development', 'consulting', 'service')),
    license_kind     TEXT CHECK (license_kind IS NULL OR license_kind IN ('exclusive', 'sole', 'ordinary')),
    organization_id  INTEGER NOT NULL REFERENCES organization(id),
    amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
    signed_on        TEXT NOT NULL CHECK (date(signed_on) = signed_on),
    registration_no  TEXT,
    equity_units_fen INTEGER CHECK (equity_units_fen IS NULL OR equity_units_fen > 0),
    CHECK ((kind = 'license') = (license_kind IS NOT NULL)),
    CHECK ((kind = 'equity') = (equity_units_fen IS NOT NULL))
) STRICT;
CREATE INDEX contract_organization ON contract(organization_id);
CREATE INDEX contract_signed ON contract(signed_on);
CREATE INDEX contract_kind ON contract(kind, signed_on);

-- 涉及成果: a contract's achievements with their weights (bp, summing to 10000).
CREATE TABLE contract_achievement (
    contract_id    INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id),
    position       INTEGER NOT NULL CHECK (position >= 0),
    weight_bp      INTEGER NOT NULL CHECK (weight_bp > 0 AND weight_bp <= 10000),
    PRIMARY KEY (contract_id, achievement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contract_achievement_achievement ON contract_achievement(achievement_id);

CREATE TABLE receipt (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contract(id),
    received_on TEXT NOT NULL CHECK (date(received_on) = received_on),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    voucher_no  TEXT UNIQUE
) STRICT;
CREATE INDEX receipt_contract ON receipt(contract_id, received_on);
CREATE INDEX receipt_received ON receipt(received_on);

CREATE TABLE cost (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contract(id),
    incurred_on TEXT NOT NULL CHECK (date(incurred_on) = incurred_on),
    category    TEXT NOT NULL CHECK (category IN ('appraisal', 'agency', 'patent_fees', 'taxes', 'transaction', 'other')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    note        TEXT
) STRICT;
CREATE INDEX cost_contract ON cost(contract_id, incurred_on);

-- Append-only, hash-chained: hash = sha256 of the previous hash and this entry's fields.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_key);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
