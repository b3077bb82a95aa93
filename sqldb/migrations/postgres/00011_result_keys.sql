-- +goose Up
-- A result's verification key: printed in its QR code and text, it lets
-- whoever holds the document see whom it was issued to; the code alone
-- (sequential, guessable) shows only its standing. Stored as SHA-256.
ALTER TABLE results ADD COLUMN key_hash TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE results DROP COLUMN key_hash;
