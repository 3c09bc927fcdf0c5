-- Schema 18: a stamp of what the fee docket is computed from, so that the docket can be kept
-- between the writes that change it (docs/performance.md "Load: a university"). The docket — the
-- next unpaid year of every patent in force — reads only the patents' own columns below, their
-- co-owners, the institution's fee reduction and the holiday calendar; every insert, delete or
-- update of those moves the stamp, in the writing transaction, whichever program writes.
-- Never edit this file once released: add a later migration instead.
--
-- The stamp is a random 64-bit number, not a count: a file restored over another, or another
-- file opened in the same process, cannot show a stamp a docket was kept for unless it holds the
-- very same inputs. Derived, like the search index: not sealed by the audit log.
CREATE TABLE fee_docket_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp INTEGER NOT NULL
) STRICT;
INSERT INTO fee_docket_stamp (id, stamp) VALUES (1, random());

CREATE TRIGGER fee_docket_achievement_insert AFTER INSERT ON achievement
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_achievement_delete AFTER DELETE ON achievement
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_achievement_update AFTER UPDATE OF id, kind, status, filed_on, granted_on, fees_paid_through, open_license, achievement_no ON achievement
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;

CREATE TRIGGER fee_docket_co_owner_insert AFTER INSERT ON co_owner
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_co_owner_delete AFTER DELETE ON co_owner
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_co_owner_update AFTER UPDATE ON co_owner
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;

CREATE TRIGGER fee_docket_institution_insert AFTER INSERT ON institution
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_institution_delete AFTER DELETE ON institution
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_institution_update AFTER UPDATE OF id, fee_reduction ON institution
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;

CREATE TRIGGER fee_docket_holiday_insert AFTER INSERT ON holiday
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_holiday_delete AFTER DELETE ON holiday
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
CREATE TRIGGER fee_docket_holiday_update AFTER UPDATE ON holiday
BEGIN UPDATE fee_docket_stamp SET stamp = random(); END;
