-- +goose Up
-- Citizens sign in with their e-mail, so an address belongs to one account.
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email <> '';

-- +goose Down
DROP INDEX users_email;
