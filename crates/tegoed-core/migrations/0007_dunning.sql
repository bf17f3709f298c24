-- Dunning: what people did and decided for each customer (calls, promises,
-- payment plans, disputes, settings), the customer's append-only timeline,
-- and the outbox: every letter with its PDF, state and channel, so that a
-- letter is never made or sent twice.

-- A customer marked "stop dunning" gets no step at all (domain.md §5.3).
ALTER TABLE customers ADD COLUMN stop_dunning INTEGER NOT NULL DEFAULT 0 CHECK (stop_dunning IN (0, 1));

-- The timeline: one row per action, dated on the business day it was
-- recorded for (`at`, from --at / --as-of, never the wall clock), in the
-- order recorded. Append-only: a judge weighs the efforts made.
CREATE TABLE timeline_events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    stage       TEXT,
    -- The sorted invoice numbers the event is about, space-separated.
    invoices    TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    text_nl     TEXT NOT NULL,
    letter_id   INTEGER,
    recorded_at TEXT NOT NULL
);
CREATE INDEX timeline_events_customer ON timeline_events (customer_id, at, id);
CREATE TRIGGER timeline_events_append_only_update BEFORE UPDATE ON timeline_events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;
CREATE TRIGGER timeline_events_append_only_delete BEFORE DELETE ON timeline_events
BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END;

-- Phone calls and their outcome (domain.md §1.4).
CREATE TABLE calls (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    at           TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('no_answer', 'not_received', 'awaiting_approval',
                     'dispute', 'promise', 'plan_requested', 'says_paid', 'refused', 'paid')),
    promise_date TEXT,
    amount_cents INTEGER,
    contact      TEXT,
    note         TEXT,
    event_id     INTEGER NOT NULL REFERENCES timeline_events (id)
);
CREATE INDEX calls_customer ON calls (customer_id, at);
CREATE TABLE call_invoices (
    call_id    INTEGER NOT NULL REFERENCES calls (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (call_id, invoice_id)
);

-- Payment plans (domain.md §1.6): the instalments agreed and the invoices
-- they cover. Whether a plan is on time, missed or ended follows from the
-- payments; nothing of that is stored.
CREATE TABLE payment_plans (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    agreed_at       TEXT NOT NULL,
    principal_cents INTEGER NOT NULL,
    costs_cents     INTEGER NOT NULL,
    interest_cents  INTEGER NOT NULL,
    total_cents     INTEGER NOT NULL,
    event_id        INTEGER NOT NULL REFERENCES timeline_events (id)
);
CREATE TABLE plan_instalments (
    plan_id      INTEGER NOT NULL REFERENCES payment_plans (id),
    seq          INTEGER NOT NULL,
    due          TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
CREATE TABLE plan_invoices (
    plan_id    INTEGER NOT NULL REFERENCES payment_plans (id),
    invoice_id INTEGER NOT NULL REFERENCES invoices (id),
    PRIMARY KEY (plan_id, invoice_id)
);

-- The outbox. A letter is one PDF per customer and stage; `occasion` tells
-- letters of the same stage and invoice set apart when they answer a
-- different event (a confirmation per call, a plan letter per plan): empty
-- for the ladder's own letters, which exist once per invoice set.
-- The letters table is rebuilt (SQLite cannot change a UNIQUE constraint);
-- letter_invoices and dunning_events refer to it by name and keep their rows.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE letters_new (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    stage            TEXT NOT NULL,
    as_of            TEXT NOT NULL,
    invoice_set      TEXT NOT NULL,
    occasion         TEXT NOT NULL DEFAULT '',
    total_open_cents INTEGER NOT NULL,
    language         TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    deadline         TEXT,
    costs_cents      INTEGER,
    interest_cents   INTEGER,
    file_name        TEXT,
    content          BLOB,
    sha256           TEXT,
    pages            INTEGER,
    state            TEXT NOT NULL DEFAULT 'generated'
                     CHECK (state IN ('generated', 'printed', 'sent', 'failed', 'unknown')),
    channel          TEXT CHECK (channel IN ('email', 'print', 'draft')),
    recipient        TEXT,
    message_id       TEXT,
    sent_at          TEXT,
    error            TEXT,
    UNIQUE (customer_id, stage, invoice_set, occasion)
);
INSERT INTO letters_new (id, customer_id, stage, as_of, invoice_set, total_open_cents, file_name,
                         sent_at, state, channel)
SELECT id, customer_id, stage, as_of, invoice_set, total_open_cents, file_name, sent_at,
       CASE WHEN sent_at IS NULL THEN 'generated' ELSE 'sent' END,
       CASE WHEN sent_at IS NULL THEN NULL ELSE 'email' END
FROM letters;
DROP TABLE letters;
ALTER TABLE letters_new RENAME TO letters;
CREATE INDEX letters_customer ON letters (customer_id, as_of);
