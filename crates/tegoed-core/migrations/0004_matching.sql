-- Matching: the decisions people take on transactions (so that undo can
-- restore what was there and automatic runs leave them alone), the IBANs
-- learned from those decisions, and the accounts that pay for others.

-- One decision of a person on one bank transaction. `before` holds the
-- transaction's allocations and not-a-customer-payment flag as they were,
-- as JSON, so that undo restores them exactly.
CREATE TABLE match_decisions (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES bank_transactions (id),
    kind           TEXT NOT NULL CHECK (kind IN ('confirm', 'reject', 'allocate', 'ignore')),
    actor          TEXT NOT NULL,
    at             TEXT NOT NULL,
    before         TEXT NOT NULL,
    undone_at      TEXT
);
CREATE INDEX match_decisions_transaction ON match_decisions (transaction_id, undone_at);

-- The decision that booked or rejected an allocation; NULL for what the
-- matcher did on its own.
ALTER TABLE allocations ADD COLUMN decision_id INTEGER REFERENCES match_decisions (id);

-- IBANs learned from confirmed matches (the customer sheet's own IBAN stays
-- in customers.iban). Undoing the decision removes what it taught.
CREATE TABLE customer_ibans (
    id                    INTEGER PRIMARY KEY,
    iban                  TEXT NOT NULL,
    customer_id           INTEGER NOT NULL REFERENCES customers (id),
    learned_from_decision INTEGER REFERENCES match_decisions (id),
    learned_at            TEXT NOT NULL,
    UNIQUE (iban, customer_id)
);

-- Accounts of payment providers and factoring companies: their IBAN says
-- nothing about which customer paid, and is never learned.
CREATE TABLE shared_accounts (
    iban TEXT PRIMARY KEY NOT NULL,
    note TEXT
);

-- The matcher's settings live in `settings` under `matching.*` keys.
