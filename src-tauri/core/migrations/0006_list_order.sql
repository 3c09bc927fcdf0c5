-- Schema 6: indexes for the list pages of the large portfolio (docs/performance.md).

-- Each sortable column of the achievement list gets an index ending with the achievement number,
-- the list's tie-breaker: a page filtered by kind or status then walks the sort's index in order
-- and stops after its rows (portfolio::walk_sort_index), instead of sorting every match.
DROP INDEX achievement_title;
CREATE INDEX achievement_title ON achievement(title, achievement_no);
DROP INDEX achievement_filed;
CREATE INDEX achievement_filed ON achievement(filed_on, achievement_no);
DROP INDEX achievement_granted;
CREATE INDEX achievement_granted ON achievement(granted_on, achievement_no);
-- application_no's UNIQUE index holds one NULL per non-patent (15,000 in the large portfolio),
-- which it leaves unordered.
CREATE INDEX achievement_application ON achievement(application_no, achievement_no);

-- The publicity and grant lists, newest first, and the searches by counterparty and member.
CREATE INDEX publicity_posted ON publicity(posted_on, id);
CREATE INDEX publicity_organization ON publicity(organization_id, contract_kind);
CREATE INDEX grant_decided ON ownership_grant(decided_on, id);
CREATE INDEX grant_member_person ON grant_member(person_id);
