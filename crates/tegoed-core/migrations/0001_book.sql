-- The first schema of a Tegoed book. Money is integer cents, dates are
-- ISO `YYYY-MM-DD` text, timestamps are RFC 3339 UTC text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    email             TEXT,
    phone             TEXT,
    contact_person    TEXT,
    address           TEXT,
    iban              TEXT,
    kvk_number        TEXT,
    payment_term_days INTEGER,
    language          TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    consumer          INTEGER NOT NULL DEFAULT 0 CHECK (consumer IN (0, 1)),
    own_terms         INTEGER NOT NULL DEFAULT 0 CHECK (own_terms IN (0, 1)),
    fatal_term_agreed INTEGER NOT NULL DEFAULT 0 CHECK (fatal_term_agreed IN (0, 1)),
    no_calls          INTEGER NOT NULL DEFAULT 0 CHECK (no_calls IN (0, 1)),
    notes             TEXT
);

CREATE TABLE invoices (
    id                  INTEGER PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    customer_id         INTEGER NOT NULL REFERENCES customers (id),
    invoice_date        TEXT NOT NULL,
    due_date            TEXT NOT NULL,
    amount_cents        INTEGER NOT NULL,
    currency            TEXT NOT NULL DEFAULT 'EUR',
    reference           TEXT,
    order_number        TEXT,
    credits_invoice_id  INTEGER REFERENCES invoices (id),
    -- What the ledger says beside Tegoed's own allocations.
    ledger_status       TEXT NOT NULL DEFAULT 'open'
                        CHECK (ledger_status IN ('open', 'paid', 'credited', 'written_off')),
    disputed            INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
    source              TEXT NOT NULL
);
CREATE INDEX invoices_customer ON invoices (customer_id);
CREATE INDEX invoices_due ON invoices (due_date);

CREATE TABLE invoice_documents (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER REFERENCES invoices (id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    content     BLOB NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE bank_accounts (
    id       INTEGER PRIMARY KEY,
    iban     TEXT NOT NULL UNIQUE,
    currency TEXT NOT NULL DEFAULT 'EUR',
    name     TEXT
);

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES bank_accounts (id),
    statement_id    TEXT,
    opening_date    TEXT,
    opening_cents   INTEGER,
    closing_date    TEXT,
    closing_cents   INTEGER,
    file_name       TEXT NOT NULL,
    format          TEXT NOT NULL,
    imported_at     TEXT NOT NULL
);
CREATE INDEX statements_account ON statements (account_id, closing_date);

CREATE TABLE bank_transactions (
    id                   INTEGER PRIMARY KEY,
    account_id           INTEGER NOT NULL REFERENCES bank_accounts (id),
    statement_id         INTEGER NOT NULL REFERENCES statements (id),
    -- Stable identity within the account: bank reference, or content plus
    -- the line's occurrence within its statement.
    identity             TEXT NOT NULL,
    booking_date         TEXT NOT NULL,
    value_date           TEXT,
    amount_cents         INTEGER NOT NULL,
    currency             TEXT NOT NULL DEFAULT 'EUR',
    counterparty_name    TEXT,
    counterparty_iban    TEXT,
    remittance           TEXT,
    structured_reference TEXT,
    end_to_end_id        TEXT,
    bank_reference       TEXT,
    not_customer_payment INTEGER NOT NULL DEFAULT 0 CHECK (not_customer_payment IN (0, 1)),
    UNIQUE (account_id, identity)
);
CREATE INDEX bank_transactions_booking ON bank_transactions (booking_date);

CREATE TABLE allocations (
    id                 INTEGER PRIMARY KEY,
    transaction_id     INTEGER NOT NULL REFERENCES bank_transactions (id),
    invoice_id         INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents       INTEGER NOT NULL,
    -- Confidence in thousandths (0..=1000), kept exact.
    confidence_permille INTEGER NOT NULL CHECK (confidence_permille BETWEEN 0 AND 1000),
    auto               INTEGER NOT NULL CHECK (auto IN (0, 1)),
    state              TEXT NOT NULL CHECK (state IN ('booked', 'suggested', 'rejected')),
    reason             TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX allocations_invoice ON allocations (invoice_id, state);
CREATE INDEX allocations_transaction ON allocations (transaction_id, state);

CREATE TABLE letters (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    stage            TEXT NOT NULL,
    as_of            TEXT NOT NULL,
    -- The sorted invoice numbers the letter covers: a stage is sent once per set.
    invoice_set      TEXT NOT NULL,
    total_open_cents INTEGER NOT NULL,
    file_name        TEXT,
    sent_at          TEXT,
    UNIQUE (customer_id, stage, invoice_set)
);

CREATE TABLE letter_invoices (
    letter_id  INTEGER NOT NULL REFERENCES letters (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (letter_id, invoice_id)
);

CREATE TABLE dunning_events (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices (id),
    stage       TEXT NOT NULL,
    event_date  TEXT NOT NULL,
    letter_id   INTEGER REFERENCES letters (id),
    note        TEXT
);
CREATE INDEX dunning_events_invoice ON dunning_events (invoice_id, event_date);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT
);
