-- Schema 10: indexes for the start screen, which fifty people of an office open at once on the
-- office server (docs/performance.md "Load: the office server"). Nothing else changes.

-- The portfolio by kind and status: counted from this index instead of the table.
CREATE INDEX achievement_kind_status ON achievement(kind, status);

-- The fee list's pass over the patents in force: every column it reads, in a compact index of
-- the patents that can owe a fee (a quarter of the table's pages on the large demo).
CREATE INDEX achievement_fee_scan ON achievement(kind, filed_on, granted_on, fees_paid_through, open_license, achievement_no)
    WHERE status = 'in_force' AND granted_on IS NOT NULL AND filed_on IS NOT NULL;

-- Money received and contracts signed in a period (the year's figures, income by month): the
-- sums come from the indexes alone. Each replaces an index that was its prefix.
DROP INDEX receipt_received;
CREATE INDEX receipt_received ON receipt(received_on, contract_id, amount_fen);
DROP INDEX contract_signed;
CREATE INDEX contract_signed ON contract(signed_on, amount_fen);
