-- Returns and chargebacks as the bank marks them (domain.md §5.2): camt's
-- reversal indicator (`RvslInd`) or MT940's `RC`/`RD` mark, the SEPA return
-- reason (`AC04`, `AC06`, `MD06`, `MS03`, …), and the ultimate debtor, whose
-- name differing from the payer's marks an account that pays for others.

ALTER TABLE bank_transactions ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1));
ALTER TABLE bank_transactions ADD COLUMN return_reason TEXT;
ALTER TABLE bank_transactions ADD COLUMN ultimate_debtor TEXT;
