-- The e-mail that carries a letter: its subject and short body, worded when
-- the letter is made (per stage and language), so that sending later needs
-- nothing but the outbox.

ALTER TABLE letters ADD COLUMN subject TEXT;
ALTER TABLE letters ADD COLUMN mail_body TEXT;
