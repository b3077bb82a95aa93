-- +goose Up
-- The procedure catalog. The whole procedure (documents, steps, form) is
-- kept as JSON; the columns beside it are what lists filter and sort on.
CREATE TABLE procedures (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    field        TEXT NOT NULL,
    online_level TEXT NOT NULL,
    published    BOOLEAN NOT NULL,
    search_key   TEXT NOT NULL,
    document     TEXT NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX procedures_field ON procedures (field);

-- +goose Down
DROP TABLE procedures;
