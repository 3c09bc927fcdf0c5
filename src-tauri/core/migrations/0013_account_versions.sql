-- Schema 13: accounts carry an edit version like every other record with an edit form (schema 9,
-- docs/reliability.md "Two people at once"): two admins changing one account at the same time
-- never overwrite each other unseen. A save, a disable or enable and a new password each add 1.
-- Never edit this file once released: add a later migration instead.
ALTER TABLE account ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
