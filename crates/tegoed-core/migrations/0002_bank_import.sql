-- Bank statement import: a statement's identity (so that re-importing the
-- same statement adds nothing), the warning shown when its balances do not
-- follow on from the previous statement, and the CSV column mappings users
-- made, by file shape.

ALTER TABLE statements ADD COLUMN identity TEXT;
ALTER TABLE statements ADD COLUMN warning TEXT;
CREATE UNIQUE INDEX statements_identity ON statements (account_id, identity);

CREATE TABLE bank_csv_mappings (
    shape    TEXT PRIMARY KEY NOT NULL,
    mapping  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
