-- Schema version 2: reward policy versions, the holiday calendar, and reward distributions.
-- Never edit this file once released: add 0003_….sql instead.

-- 收益分配政策: dated versions; a contract follows the version in force on the day it was signed.
CREATE TABLE policy (
    id                      INTEGER PRIMARY KEY,
    effective_on            TEXT NOT NULL UNIQUE CHECK (date(effective_on) = effective_on),
    transfer_bp             INTEGER NOT NULL CHECK (transfer_bp BETWEEN 0 AND 10000),
    license_bp              INTEGER NOT NULL CHECK (license_bp BETWEEN 0 AND 10000),
    equity_bp               INTEGER NOT NULL CHECK (equity_bp BETWEEN 0 AND 10000),
    development_bp          INTEGER NOT NULL CHECK (development_bp BETWEEN 0 AND 10000),
    consulting_bp           INTEGER NOT NULL CHECK (consulting_bp BETWEEN 0 AND 10000),
    service_bp              INTEGER NOT NULL CHECK (service_bp BETWEEN 0 AND 10000),
    key_contributor_min_bp  INTEGER NOT NULL CHECK (key_contributor_min_bp BETWEEN 0 AND 10000),
    transfer_staff_bp       INTEGER CHECK (transfer_staff_bp IS NULL OR transfer_staff_bp BETWEEN 0 AND 10000),
    transfer_staff_min_bp   INTEGER CHECK (transfer_staff_min_bp IS NULL OR transfer_staff_min_bp BETWEEN 0 AND 10000),
    publicity_days          INTEGER NOT NULL CHECK (publicity_days BETWEEN 1 AND 90),
    payment_deadline_months INTEGER CHECK (payment_deadline_months IS NULL OR payment_deadline_months BETWEEN 1 AND 60),
    -- The informational split of the institution's remainder.
    remainder_department_bp INTEGER NOT NULL CHECK (remainder_department_bp BETWEEN 0 AND 10000),
    remainder_university_bp INTEGER NOT NULL CHECK (remainder_university_bp BETWEEN 0 AND 10000),
    remainder_office_bp     INTEGER NOT NULL CHECK (remainder_office_bp BETWEEN 0 AND 10000),
    note                    TEXT,
    CHECK (remainder_department_bp + remainder_university_bp + remainder_office_bp = 10000)
) STRICT;

-- A tier replaces the kind's ratio for contracts from min_amount_fen up (and, when in_province,
-- only with a counterparty in the institution's province). The most specific matching tier wins.
CREATE TABLE policy_tier (
    policy_id      INTEGER NOT NULL REFERENCES policy(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    kind           TEXT CHECK (kind IS NULL OR kind IN ('transfer', 'license', 'equity', 'development', 'consulting', 'service')),
    min_amount_fen INTEGER NOT NULL CHECK (min_amount_fen >= 0),
    in_province    INTEGER NOT NULL CHECK (in_province IN (0, 1)),
    ratio_bp       INTEGER NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (policy_id, position)
) STRICT, WITHOUT ROWID;

-- The default policy from the beginning (domain.md §2).
INSERT INTO policy (effective_on, transfer_bp, license_bp, equity_bp, development_bp, consulting_bp, service_bp,
                    key_contributor_min_bp, transfer_staff_bp, transfer_staff_min_bp, publicity_days, payment_deadline_months,
                    remainder_department_bp, remainder_university_bp, remainder_office_bp, note)
VALUES ('1900-01-01', 7000, 7000, 7000, 0, 0, 0, 5000, NULL, NULL, 15, NULL, 0, 10000, 0, '默认政策（促进科技成果转化法第45条，本省比例70%）');

-- 节假日: days off that are not weekends ('rest') and weekend days that are worked ('work').
CREATE TABLE holiday (
    day  TEXT PRIMARY KEY CHECK (date(day) = day),
    kind TEXT NOT NULL CHECK (kind IN ('rest', 'work')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50)
) STRICT, WITHOUT ROWID;

-- 收益分配: one distribution of a contract's income; amounts are frozen from approval on.
CREATE TABLE distribution (
    id                    INTEGER PRIMARY KEY,
    contract_id           INTEGER NOT NULL REFERENCES contract(id),
    -- A reversal (冲销) points at the paid distribution it cancels.
    reverses_id           INTEGER UNIQUE REFERENCES distribution(id),
    reason                TEXT,
    state                 TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'publicized', 'paid')),
    through_on            TEXT NOT NULL CHECK (date(through_on) = through_on),
    policy_id             INTEGER NOT NULL REFERENCES policy(id),
    kind                  TEXT NOT NULL CHECK (kind IN ('transfer', 'license', 'equity', 'development', 'consulting', 'service')),
    registered            INTEGER NOT NULL CHECK (registered IN (0, 1)),
    ratio_bp              INTEGER NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
    receipts_fen          INTEGER NOT NULL,
    costs_fen             INTEGER NOT NULL,
    carried_in_costs_fen  INTEGER NOT NULL,
    net_income_fen        INTEGER NOT NULL,
    carried_out_costs_fen INTEGER NOT NULL CHECK (carried_out_costs_fen >= 0),
    pool_fen              INTEGER,
    institution_fen       INTEGER NOT NULL,
    equity_units          INTEGER,
    pool_units            INTEGER,
    institution_units     INTEGER,
    payment_due_on        TEXT CHECK (payment_due_on IS NULL OR date(payment_due_on) = payment_due_on),
    created_at            TEXT NOT NULL,
    decision_on           TEXT CHECK (decision_on IS NULL OR date(decision_on) = decision_on),
    minutes_file          TEXT,
    minutes_sha256        TEXT,
    override_reason       TEXT,
    publicity_from        TEXT CHECK (publicity_from IS NULL OR date(publicity_from) = publicity_from),
    publicity_days        INTEGER CHECK (publicity_days IS NULL OR publicity_days BETWEEN 1 AND 90),
    publicity_ends_on     TEXT CHECK (publicity_ends_on IS NULL OR date(publicity_ends_on) = publicity_ends_on),
    paid_on               TEXT CHECK (paid_on IS NULL OR date(paid_on) = paid_on),
    CHECK (state = 'draft' OR decision_on IS NOT NULL),
    CHECK (state IN ('draft', 'approved') OR (publicity_from IS NOT NULL AND publicity_ends_on IS NOT NULL)),
    CHECK ((state = 'paid') = (paid_on IS NOT NULL)),
    CHECK ((kind = 'equity') = (pool_units IS NOT NULL)),
    CHECK (reverses_id IS NULL OR reason IS NOT NULL)
) STRICT;
CREATE INDEX distribution_contract ON distribution(contract_id, id);
CREATE INDEX distribution_state ON distribution(state, id);

-- A person's line: fen for cash, units of registered capital for equity (negative in a reversal).
CREATE TABLE distribution_line (
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    person_id       INTEGER NOT NULL REFERENCES person(id),
    weight_bp       INTEGER NOT NULL,
    amount_fen      INTEGER,
    taxable_fen     INTEGER,
    units           INTEGER,
    key_contributor INTEGER NOT NULL CHECK (key_contributor IN (0, 1)),
    leader_level    TEXT NOT NULL CHECK (leader_level IN ('none', 'unit_principal', 'unit_deputy', 'middle')),
    transfer_staff  INTEGER NOT NULL CHECK (transfer_staff IN (0, 1)),
    -- A unit principal leader's equity part given up by a recorded decision: it stays with the institution.
    waived          INTEGER NOT NULL DEFAULT 0 CHECK (waived IN (0, 1)),
    CHECK ((amount_fen IS NULL) <> (units IS NULL)),
    PRIMARY KEY (distribution_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX distribution_line_person ON distribution_line(person_id);

-- The receipts and costs a distribution took in (a receipt or cost is distributed once, unless
-- its distribution was reversed).
CREATE TABLE distribution_receipt (
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    receipt_id      INTEGER NOT NULL REFERENCES receipt(id),
    PRIMARY KEY (distribution_id, receipt_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX distribution_receipt_receipt ON distribution_receipt(receipt_id);

CREATE TABLE distribution_cost (
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    cost_id         INTEGER NOT NULL REFERENCES cost(id),
    PRIMARY KEY (distribution_id, cost_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX distribution_cost_cost ON distribution_cost(cost_id);

CREATE TABLE distribution_finding (
    distribution_id INTEGER NOT NULL REFERENCES distribution(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    code            TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    employee_id     TEXT,
    PRIMARY KEY (distribution_id, position)
) STRICT, WITHOUT ROWID;

-- The database itself keeps paid distributions and frozen amounts as they are, whatever program writes.
CREATE TRIGGER distribution_paid_is_final BEFORE UPDATE ON distribution WHEN OLD.state = 'paid'
BEGIN SELECT RAISE(ABORT, 'a paid distribution is never edited'); END;
CREATE TRIGGER distribution_only_drafts_deleted BEFORE DELETE ON distribution WHEN OLD.state <> 'draft'
BEGIN SELECT RAISE(ABORT, 'only a draft distribution can be deleted'); END;
CREATE TRIGGER distribution_amounts_frozen BEFORE UPDATE OF amount_fen, units, weight_bp, person_id ON distribution_line
WHEN (SELECT state FROM distribution WHERE id = OLD.distribution_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'amounts are frozen from approval on'); END;
CREATE TRIGGER distribution_line_paid_is_final BEFORE UPDATE ON distribution_line
WHEN (SELECT state FROM distribution WHERE id = OLD.distribution_id) = 'paid'
BEGIN SELECT RAISE(ABORT, 'a paid distribution is never edited'); END;

-- The State Council's holiday arrangements 2024–2026 (国务院办公厅关于部分节假日安排的通知); later years are added in Settings.
INSERT INTO holiday (day, kind, name) VALUES
    ('2024-01-01', 'rest', '元旦'),
    ('2024-02-10', 'rest', '春节'),
    ('2024-02-11', 'rest', '春节'),
    ('2024-02-12', 'rest', '春节'),
    ('2024-02-13', 'rest', '春节'),
    ('2024-02-14', 'rest', '春节'),
    ('2024-02-15', 'rest', '春节'),
    ('2024-02-16', 'rest', '春节'),
    ('2024-02-17', 'rest', '春节'),
    ('2024-02-04', 'work', '春节调休上班'),
    ('2024-02-18', 'work', '春节调休上班'),
    ('2024-04-04', 'rest', '清明节'),
    ('2024-04-05', 'rest', '清明节'),
    ('2024-04-06', 'rest', '清明节'),
    ('2024-04-07', 'work', '清明节调休上班'),
    ('2024-05-01', 'rest', '劳动节'),
    ('2024-05-02', 'rest', '劳动节'),
    ('2024-05-03', 'rest', '劳动节'),
    ('2024-05-04', 'rest', '劳动节'),
    ('2024-05-05', 'rest', '劳动节'),
    ('2024-04-28', 'work', '劳动节调休上班'),
    ('2024-05-11', 'work', '劳动节调休上班'),
    ('2024-06-10', 'rest', '端午节'),
    ('2024-09-15', 'rest', '中秋节'),
    ('2024-09-16', 'rest', '中秋节'),
    ('2024-09-17', 'rest', '中秋节'),
    ('2024-09-14', 'work', '中秋节调休上班'),
    ('2024-10-01', 'rest', '国庆节'),
    ('2024-10-02', 'rest', '国庆节'),
    ('2024-10-03', 'rest', '国庆节'),
    ('2024-10-04', 'rest', '国庆节'),
    ('2024-10-05', 'rest', '国庆节'),
    ('2024-10-06', 'rest', '国庆节'),
    ('2024-10-07', 'rest', '国庆节'),
    ('2024-09-29', 'work', '国庆节调休上班'),
    ('2024-10-12', 'work', '国庆节调休上班'),
    ('2025-01-01', 'rest', '元旦'),
    ('2025-01-28', 'rest', '春节'),
    ('2025-01-29', 'rest', '春节'),
    ('2025-01-30', 'rest', '春节'),
    ('2025-01-31', 'rest', '春节'),
    ('2025-02-01', 'rest', '春节'),
    ('2025-02-02', 'rest', '春节'),
    ('2025-02-03', 'rest', '春节'),
    ('2025-02-04', 'rest', '春节'),
    ('2025-01-26', 'work', '春节调休上班'),
    ('2025-02-08', 'work', '春节调休上班'),
    ('2025-04-04', 'rest', '清明节'),
    ('2025-04-05', 'rest', '清明节'),
    ('2025-04-06', 'rest', '清明节'),
    ('2025-05-01', 'rest', '劳动节'),
    ('2025-05-02', 'rest', '劳动节'),
    ('2025-05-03', 'rest', '劳动节'),
    ('2025-05-04', 'rest', '劳动节'),
    ('2025-05-05', 'rest', '劳动节'),
    ('2025-04-27', 'work', '劳动节调休上班'),
    ('2025-05-31', 'rest', '端午节'),
    ('2025-06-01', 'rest', '端午节'),
    ('2025-06-02', 'rest', '端午节'),
    ('2025-10-01', 'rest', '国庆节、中秋节'),
    ('2025-10-02', 'rest', '国庆节、中秋节'),
    ('2025-10-03', 'rest', '国庆节、中秋节'),
    ('2025-10-04', 'rest', '国庆节、中秋节'),
    ('2025-10-05', 'rest', '国庆节、中秋节'),
    ('2025-10-06', 'rest', '国庆节、中秋节'),
    ('2025-10-07', 'rest', '国庆节、中秋节'),
    ('2025-10-08', 'rest', '国庆节、中秋节'),
    ('2025-09-28', 'work', '国庆节、中秋节调休上班'),
    ('2025-10-11', 'work', '国庆节、中秋节调休上班'),
    ('2026-01-01', 'rest', '元旦'),
    ('2026-01-02', 'rest', '元旦'),
    ('2026-01-03', 'rest', '元旦'),
    ('2026-01-04', 'work', '元旦调休上班'),
    ('2026-02-15', 'rest', '春节'),
    ('2026-02-16', 'rest', '春节'),
    ('2026-02-17', 'rest', '春节'),
    ('2026-02-18', 'rest', '春节'),
    ('2026-02-19', 'rest', '春节'),
    ('2026-02-20', 'rest', '春节'),
    ('2026-02-21', 'rest', '春节'),
    ('2026-02-22', 'rest', '春节'),
    ('2026-02-23', 'rest', '春节'),
    ('2026-02-14', 'work', '春节调休上班'),
    ('2026-02-28', 'work', '春节调休上班'),
    ('2026-04-04', 'rest', '清明节'),
    ('2026-04-05', 'rest', '清明节'),
    ('2026-04-06', 'rest', '清明节'),
    ('2026-05-01', 'rest', '劳动节'),
    ('2026-05-02', 'rest', '劳动节'),
    ('2026-05-03', 'rest', '劳动节'),
    ('2026-05-04', 'rest', '劳动节'),
    ('2026-05-05', 'rest', '劳动节'),
    ('2026-05-09', 'work', '劳动节调休上班'),
    ('2026-06-19', 'rest', '端午节'),
    ('2026-06-20', 'rest', '端午节'),
    ('2026-06-21', 'rest', '端午节'),
    ('2026-09-25', 'rest', '中秋节'),
    ('2026-09-26', 'rest', '中秋节'),
    ('2026-09-27', 'rest', '中秋节'),
    ('2026-10-01', 'rest', '国庆节'),
    ('2026-10-02', 'rest', '国庆节'),
    ('2026-10-03', 'rest', '国庆节'),
    ('2026-10-04', 'rest', '国庆节'),
    ('2026-10-05', 'rest', '国庆节'),
    ('2026-10-06', 'rest', '国庆节'),
    ('2026-10-07', 'rest', '国庆节'),
    ('2026-09-20', 'work', '国庆节调休上班'),
    ('2026-10-10', 'work', '国庆节调休上班');
