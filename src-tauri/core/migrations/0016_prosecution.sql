-- Schema 16: patents in prosecution (issue 25): CNIPA's notices and every statutory deadline.
-- Never edit this file once released: add a later migration instead.

-- 优先权日: the examination request counts its three years from it when the application claims
-- a priority (专利法实施细则 第十一条).
ALTER TABLE achievement ADD COLUMN priority_on TEXT CHECK (priority_on IS NULL OR date(priority_on) = priority_on);

-- 通知书: a notice of CNIPA, recorded against its patent once a person confirmed what it says.
-- The file itself is an attachment of the achievement; its SHA-256 recognises the same notice
-- dropped twice.
CREATE TABLE notice (
    id             INTEGER PRIMARY KEY,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('acceptance', 'office_action', 'correction', 'grant', 'rejection',
                       'deemed_withdrawn', 'rights_lost', 'restoration_approved', 'formalities_ok', 'payment',
                       'termination', 'examination_started')),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    issued_on      TEXT NOT NULL CHECK (date(issued_on) = issued_on),
    delivery       TEXT NOT NULL CHECK (delivery IN ('electronic', 'paper')),
    delivered_on   TEXT NOT NULL CHECK (date(delivered_on) = delivered_on AND delivered_on >= issued_on),
    -- The period counted (the notice's, or the law's when it states none): months or days, never both.
    period_months  INTEGER CHECK (period_months IS NULL OR period_months BETWEEN 1 AND 36),
    period_days    INTEGER CHECK (period_days IS NULL OR period_days BETWEEN 1 AND 366),
    sha256         TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    attachment_id  INTEGER REFERENCES attachment(id),
    status_before  TEXT CHECK (status_before IS NULL OR status_before IN ('pending', 'in_force', 'lapsed', 'abandoned', 'expired')),
    status_after   TEXT CHECK (status_after IS NULL OR status_after IN ('pending', 'in_force', 'lapsed', 'abandoned', 'expired')),
    recorded_on    TEXT NOT NULL CHECK (date(recorded_on) = recorded_on),
    CHECK (period_months IS NULL OR period_days IS NULL)
) STRICT;
CREATE INDEX notice_achievement ON notice(achievement_id, issued_on);

-- 期限: a deadline of a patent's prosecution. The ones a notice starts are kept here; the
-- examination request and the expiry follow from the patent's dates and are kept here only once
-- a person edited one or marked it done. `statutory_on` is what the rules give, `due_on` what the
-- office works to: they differ only with a reason.
CREATE TABLE deadline (
    id             INTEGER PRIMARY KEY,
    achievement_id INTEGER NOT NULL REFERENCES achievement(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('office_action', 'correction', 'examination_request', 'registration',
                       'reexamination', 'restoration', 'payment', 'expiry')),
    notice_id      INTEGER REFERENCES notice(id) ON DELETE CASCADE,
    statutory_on   TEXT CHECK (statutory_on IS NULL OR date(statutory_on) = statutory_on),
    due_on         TEXT NOT NULL CHECK (date(due_on) = due_on),
    edit_reason    TEXT CHECK (edit_reason IS NULL OR length(edit_reason) BETWEEN 1 AND 500),
    done_on        TEXT CHECK (done_on IS NULL OR date(done_on) = done_on),
    done_note      TEXT CHECK (done_note IS NULL OR length(done_note) BETWEEN 1 AND 500),
    version        INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (statutory_on IS NULL OR due_on = statutory_on OR edit_reason IS NOT NULL)
) STRICT;
CREATE INDEX deadline_due ON deadline(due_on) WHERE done_on IS NULL;
CREATE INDEX deadline_achievement ON deadline(achievement_id, kind);
CREATE INDEX deadline_notice ON deadline(notice_id);
