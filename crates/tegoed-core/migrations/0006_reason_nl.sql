-- Match reasons in Dutch: the matcher writes `reason` (English, the CLI
-- contract) and `reason_nl` at the same moment from the same evidence, so
-- that the app can show either. Rows written before this migration have no
-- Dutch text (NULL).

ALTER TABLE allocations ADD COLUMN reason_nl TEXT;
