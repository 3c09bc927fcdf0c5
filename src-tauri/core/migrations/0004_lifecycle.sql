-- Schema version 4: the portfolio's lifecycle between import and report — co-owners and annual
-- fees, disclosures and their assessment, valuations, price publicity and collective decisions,
-- payment schedules, equity holdings, ownership grants, attachments.
-- Never edit this file once released: add 0005_….sql instead.

-- 开放许可 (an open license gives 15% off the annual fee instead of 费减) and 单列管理.
ALTER TABLE achievement ADD COLUMN open_license INTEGER NOT NULL DEFAULT 0 CHECK (open_license IN (0, 1));
ALTER TABLE achievement ADD COLUMN separate_management INTEGER NOT NULL DEFAULT 0 CHECK (separate_management IN (0, 1));

-- 共有人: other owners of an achievement; fee_reduction = their 费减备案 is accepted.
CREATE TABLE co_owner (
    achievement_id  INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    fee_reduction   INTEGER NOT NULL CHECK (fee_reduction IN (0, 1)),
    PRIMARY KEY (achievement_id, organization_id)
) STRICT, WITHOUT ROWID;

-- 年费缴纳: one row per patent year paid; the achievement's fees_paid_through follows.
CREATE TABLE fee_payment (
    id              INTEGER PRIMARY KEY,
    achievement_id  INTEGER NOT NULL REFERENCES achievement(id),
    patent_year     INTEGER NOT NULL CHECK (patent_year BETWEEN 1 AND 20),
    due_on          TEXT NOT NULL CHECK (date(due_on) = due_on),
    paid_on         TEXT NOT NULL CHECK (date(paid_on) = paid_on),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
    -- What the rules asked for on paid_on (fee after reduction + surcharge + restoration).
    expected_fen    INTEGER NOT NULL CHECK (expected_fen >= 0),
    surcharge_fen   INTEGER NOT NULL CHECK (surcharge_fen >= 0),
    restoration_fen INTEGER NOT NULL CHECK (restoration_fen >= 0),
    voucher_no      TEXT,
    UNIQUE (achievement_id, patent_year)
) STRICT;
CREATE INDEX fee_payment_paid ON fee_payment(paid_on);

-- 维持/放弃决定 per patent, with the reason and when the inventors were told.
CREATE TABLE fee_decision (
    id                    INTEGER PRIMARY KEY,
    achievement_id        INTEGER NOT NULL REFERENCES achievement(id),
    decided_on            TEXT NOT NULL CHECK (date(decided_on) = decided_on),
    decision              TEXT NOT NULL CHECK (decision IN ('keep', 'abandon')),
    reason                TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    inventors_notified_on TEXT CHECK (inventors_notified_on IS NULL OR date(inventors_notified_on) = inventors_notified_on),
    grant_to_inventors    INTEGER NOT NULL CHECK (grant_to_inventors IN (0, 1)),
    CHECK (decision = 'abandon' OR grant_to_inventors = 0)
) STRICT;
CREATE INDEX fee_decision_achievement ON fee_decision(achievement_id, decided_on);

-- 附件: files kept in the data folder by content hash; a row ties one to a record.
CREATE TABLE attachment (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL CHECK (entity IN ('achievement', 'disclosure', 'valuation', 'publicity', 'resolution', 'contract', 'grant', 'fee_decision')),
    entity_id  INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL CHECK (size >= 0),
    added_on   TEXT NOT NULL CHECK (date(added_on) = added_on)
) STRICT;
CREATE INDEX attachment_entity ON attachment(entity, entity_id);

-- 职务科技成果披露.
CREATE TABLE disclosure (
    id                  INTEGER PRIMARY KEY,
    disclosure_no       TEXT NOT NULL UNIQUE CHECK (length(disclosure_no) BETWEEN 1 AND 40),
    title               TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    department_id       INTEGER NOT NULL REFERENCES department(id),
    funding_source      TEXT NOT NULL CHECK (funding_source IN ('fiscal', 'enterprise', 'own', 'other')),
    fiscal_project      TEXT,
    description         TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
    prior_art           TEXT,
    intended_protection TEXT NOT NULL CHECK (intended_protection IN ('invention_patent', 'utility_model', 'design_patent', 'software_copyright', 'ic_layout', 'plant_variety', 'know_how', 'other')),
    confidential        INTEGER NOT NULL CHECK (confidential IN (0, 1)),
    received_on         TEXT NOT NULL CHECK (date(received_on) = received_on),
    decision            TEXT CHECK (decision IS NULL OR decision IN ('file_patent', 'keep_secret', 'grant_to_inventors', 'drop')),
    decided_on          TEXT CHECK (decided_on IS NULL OR date(decided_on) = decided_on),
    decision_note       TEXT,
    CHECK ((decision IS NULL) = (decided_on IS NULL)),
    CHECK (decided_on IS NULL OR decided_on >= received_on)
) STRICT;
CREATE INDEX disclosure_received ON disclosure(received_on);

CREATE TABLE disclosure_inventor (
    disclosure_id   INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES person(id),
    position        INTEGER NOT NULL CHECK (position >= 0),
    share_bp        INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
    key_contributor INTEGER NOT NULL CHECK (key_contributor IN (0, 1)),
    PRIMARY KEY (disclosure_id, person_id)
) STRICT, WITHOUT ROWID;

-- The achievements a disclosure became (one disclosure may give several; each achievement
-- comes from at most one disclosure).
CREATE TABLE disclosure_achievement (
    disclosure_id  INTEGER NOT NULL REFERENCES disclosure(id),
    achievement_id INTEGER NOT NULL UNIQUE REFERENCES achievement(id),
    PRIMARY KEY (disclosure_id, achievement_id)
) STRICT, WITHOUT ROWID;

-- 申请前评估: the scoring sheet's criteria (configurable) …
CREATE TABLE assessment_criterion (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    weight_bp INTEGER NOT NULL CHECK (weight_bp > 0 AND weight_bp <= 10000),
    position  INTEGER NOT NULL CHECK (position >= 0)
) STRICT;
INSERT INTO assessment_criterion (name, weight_bp, position) VALUES
    ('技术先进性', 3000, 0), ('市场前景', 3000, 1), ('可专利性与保护范围', 2000, 2), ('转化可行性', 2000, 3);

-- … and each assessment with its scores; a score row copies the criterion's name and weight so
-- that a later change of the sheet does not rewrite past assessments.
CREATE TABLE assessment (
    id             INTEGER PRIMARY KEY,
    disclosure_id  INTEGER NOT NULL REFERENCES disclosure(id),
    assessed_on    TEXT NOT NULL CHECK (date(assessed_on) = assessed_on),
    reviewer       TEXT NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 100),
    recommendation TEXT NOT NULL CHECK (recommendation IN ('file_patent', 'keep_secret', 'grant_to_inventors', 'drop')),
    note           TEXT
) STRICT;
CREATE INDEX assessment_disclosure ON assessment(disclosure_id);

CREATE TABLE assessment_score (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    criterion     TEXT NOT NULL CHECK (length(criterion) BETWEEN 1 AND 100),
    weight_bp     INTEGER NOT NULL CHECK (weight_bp > 0 AND weight_bp <= 10000),
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (assessment_id, position)
) STRICT, WITHOUT ROWID;

-- 集体决策: a meeting's resolution (date, body, participants, minutes as an attachment).
CREATE TABLE resolution (
    id           INTEGER PRIMARY KEY,
    meeting_on   TEXT NOT NULL CHECK (date(meeting_on) = meeting_on),
    body         TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 100),
    subject      TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    participants TEXT NOT NULL CHECK (length(participants) BETWEEN 1 AND 2000),
    outcome      TEXT NOT NULL CHECK (length(outcome) BETWEEN 1 AND 5000)
) STRICT;
CREATE INDEX resolution_meeting ON resolution(meeting_on);

-- 定价公示: an agreed price publicized before signing (domain.md §3).
CREATE TABLE publicity (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    contract_kind   TEXT NOT NULL CHECK (contract_kind IN ('transfer', 'license', 'equity')),
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    related_party   INTEGER NOT NULL CHECK (related_party IN (0, 1)),
    price_fen       INTEGER NOT NULL CHECK (price_fen >= 0),
    posted_on       TEXT NOT NULL CHECK (date(posted_on) = posted_on),
    days            INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
    -- The last day (civil-code counting with the holiday calendar) as computed when saved.
    ends_on         TEXT NOT NULL CHECK (date(ends_on) = ends_on AND ends_on > posted_on),
    channel         TEXT NOT NULL CHECK (length(channel) BETWEEN 1 AND 200),
    resolution_id   INTEGER REFERENCES resolution(id)
) STRICT;
CREATE INDEX publicity_ends ON publicity(ends_on);

CREATE TABLE publicity_achievement (
    publicity_id   INTEGER NOT NULL REFERENCES publicity(id) ON DELETE CASCADE,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id),
    PRIMARY KEY (publicity_id, achievement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX publicity_achievement_achievement ON publicity_achievement(achievement_id);

-- 异议 and how it was handled; an upheld or pending objection blocks signing.
CREATE TABLE objection (
    id           INTEGER PRIMARY KEY,
    publicity_id INTEGER NOT NULL REFERENCES publicity(id) ON DELETE CASCADE,
    received_on  TEXT NOT NULL CHECK (date(received_on) = received_on),
    objector     TEXT NOT NULL CHECK (length(objector) BETWEEN 1 AND 200),
    content      TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
    outcome      TEXT NOT NULL CHECK (outcome IN ('pending', 'upheld', 'rejected')),
    handling     TEXT,
    resolved_on  TEXT CHECK (resolved_on IS NULL OR date(resolved_on) = resolved_on),
    CHECK ((outcome = 'pending') = (resolved_on IS NULL)),
    CHECK (resolved_on IS NULL OR resolved_on >= received_on)
) STRICT;
CREATE INDEX objection_publicity ON objection(publicity_id);

-- Contract additions: how the price was set and its publicity, the technical-contract
-- registration date, when a license takes effect and when its CNIPA recordal was made, the
-- collective decision.
ALTER TABLE contract ADD COLUMN pricing TEXT CHECK (pricing IS NULL OR pricing IN ('agreement', 'listing', 'auction'));
ALTER TABLE contract ADD COLUMN publicity_id INTEGER REFERENCES publicity(id);
ALTER TABLE contract ADD COLUMN registered_on TEXT CHECK (registered_on IS NULL OR date(registered_on) = registered_on);
ALTER TABLE contract ADD COLUMN effective_on TEXT CHECK (effective_on IS NULL OR date(effective_on) = effective_on);
ALTER TABLE contract ADD COLUMN recorded_on TEXT CHECK (recorded_on IS NULL OR date(recorded_on) = recorded_on);
ALTER TABLE contract ADD COLUMN resolution_id INTEGER REFERENCES resolution(id);
CREATE INDEX contract_publicity ON contract(publicity_id);

-- 到账 kinds: an equity deal's dividends and exits are receipts of its contract.
ALTER TABLE receipt ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'dividend', 'exit'));

-- 付款计划: expected payments (fixed, on a milestone, or a royalty period).
CREATE TABLE installment (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    kind         TEXT NOT NULL CHECK (kind IN ('fixed', 'milestone', 'royalty')),
    due_on       TEXT NOT NULL CHECK (date(due_on) = due_on),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    milestone    TEXT,
    period_start TEXT CHECK (period_start IS NULL OR date(period_start) = period_start),
    period_end   TEXT CHECK (period_end IS NULL OR date(period_end) = period_end),
    CHECK ((kind = 'milestone') = (milestone IS NOT NULL)),
    CHECK ((kind = 'royalty') = (period_start IS NOT NULL AND period_end IS NOT NULL)),
    CHECK (period_end IS NULL OR period_end >= period_start)
) STRICT;
CREATE INDEX installment_due ON installment(due_on);
CREATE INDEX installment_contract ON installment(contract_id, position);

-- 作价投资: the stake an equity contract gave, held apart under 单列管理; write-offs with reason.
CREATE TABLE equity_holding (
    contract_id      INTEGER PRIMARY KEY REFERENCES contract(id),
    holder           TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    stake_bp         INTEGER NOT NULL CHECK (stake_bp > 0 AND stake_bp <= 10000),
    registered_on    TEXT CHECK (registered_on IS NULL OR date(registered_on) = registered_on),
    written_off_on   TEXT CHECK (written_off_on IS NULL OR date(written_off_on) = written_off_on),
    write_off_reason TEXT,
    CHECK ((written_off_on IS NULL) = (write_off_reason IS NULL))
) STRICT;

-- 评估: an appraisal (at least two methods) or an internal assessment of value.
CREATE TABLE valuation (
    id             INTEGER PRIMARY KEY,
    achievement_id INTEGER REFERENCES achievement(id),
    contract_id    INTEGER REFERENCES contract(id),
    kind           TEXT NOT NULL CHECK (kind IN ('appraisal', 'internal')),
    appraiser      TEXT NOT NULL CHECK (length(appraiser) BETWEEN 1 AND 200),
    report_no      TEXT,
    base_on        TEXT NOT NULL CHECK (date(base_on) = base_on),
    -- Comma-separated, ordered: income, market, cost.
    methods        TEXT NOT NULL CHECK (length(methods) BETWEEN 1 AND 40),
    value_fen      INTEGER CHECK (value_fen IS NULL OR value_fen >= 0),
    low_fen        INTEGER CHECK (low_fen IS NULL OR low_fen >= 0),
    high_fen       INTEGER CHECK (high_fen IS NULL OR high_fen >= low_fen),
    valid_until    TEXT CHECK (valid_until IS NULL OR (date(valid_until) = valid_until AND valid_until >= base_on)),
    filing_no      TEXT,
    filed_on       TEXT CHECK (filed_on IS NULL OR date(filed_on) = filed_on),
    CHECK (achievement_id IS NOT NULL OR contract_id IS NOT NULL),
    CHECK ((value_fen IS NOT NULL) <> (low_fen IS NOT NULL AND high_fen IS NOT NULL)),
    CHECK ((low_fen IS NULL) = (high_fen IS NULL))
) STRICT;
CREATE INDEX valuation_achievement ON valuation(achievement_id);
CREATE INDEX valuation_contract ON valuation(contract_id);

-- 赋权: ownership (a share) or a long-term usage right granted to an inventor team (domain.md §7).
CREATE TABLE ownership_grant (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT NOT NULL CHECK (kind IN ('share', 'usage_right')),
    -- The team's ownership share (kind share).
    share_bp             INTEGER CHECK (share_bp IS NULL OR (share_bp > 0 AND share_bp <= 10000)),
    usage_from           TEXT CHECK (usage_from IS NULL OR date(usage_from) = usage_from),
    usage_until          TEXT CHECK (usage_until IS NULL OR date(usage_until) = usage_until),
    -- The team's agreed share of transformation income.
    income_team_bp       INTEGER NOT NULL CHECK (income_team_bp BETWEEN 0 AND 10000),
    annual_fee_payer     TEXT NOT NULL CHECK (annual_fee_payer IN ('institution', 'team', 'shared')),
    agency_fee_payer     TEXT NOT NULL CHECK (agency_fee_payer IN ('institution', 'team', 'shared')),
    decided_on           TEXT NOT NULL CHECK (date(decided_on) = decided_on),
    resolution_id        INTEGER REFERENCES resolution(id),
    publicized_on        TEXT CHECK (publicized_on IS NULL OR date(publicized_on) = publicized_on),
    publicity_days       INTEGER CHECK (publicity_days IS NULL OR publicity_days BETWEEN 1 AND 90),
    publicity_ends_on    TEXT CHECK (publicity_ends_on IS NULL OR date(publicity_ends_on) = publicity_ends_on),
    change_filed_on      TEXT CHECK (change_filed_on IS NULL OR date(change_filed_on) = change_filed_on),
    note                 TEXT,
    CHECK ((kind = 'share') = (share_bp IS NOT NULL)),
    CHECK ((kind = 'usage_right') = (usage_from IS NOT NULL AND usage_until IS NOT NULL)),
    CHECK ((publicized_on IS NULL) = (publicity_ends_on IS NULL)),
    CHECK ((publicized_on IS NULL) = (publicity_days IS NULL))
) STRICT;

CREATE TABLE grant_achievement (
    grant_id       INTEGER NOT NULL REFERENCES ownership_grant(id) ON DELETE CASCADE,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id),
    PRIMARY KEY (grant_id, achievement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX grant_achievement_achievement ON grant_achievement(achievement_id);

-- The team's internal shares (sum 10000, checked by the app).
CREATE TABLE grant_member (
    grant_id  INTEGER NOT NULL REFERENCES ownership_grant(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    position  INTEGER NOT NULL CHECK (position >= 0),
    share_bp  INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
    PRIMARY KEY (grant_id, person_id)
) STRICT, WITHOUT ROWID;
