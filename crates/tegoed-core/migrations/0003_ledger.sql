-- Ledger import: what the accounting package says beside Tegoed's own
-- allocations, which file shape an invoice came from (to report invoices
-- that vanished from a newer export of the same ledger), and the column
-- mappings the user made per file shape.

-- The open amount according to the ledger file (NULL: the file had none).
ALTER TABLE invoices ADD COLUMN ledger_open_cents INTEGER;
-- The shape (normalised headers hash) of the ledger file the invoice came from.
ALTER TABLE invoices ADD COLUMN ledger_shape TEXT;
CREATE INDEX invoices_ledger_shape ON invoices (ledger_shape);

CREATE TABLE ledger_mappings (
    shape    TEXT PRIMARY KEY NOT NULL,
    -- The mapping as JSON (tegoed_core::ledger::Mapping).
    mapping  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE INDEX invoice_documents_invoice ON invoice_documents (invoice_id);
