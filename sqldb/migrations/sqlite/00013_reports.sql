-- +goose Up
-- Periodic reports to the city: a draft (the Office's narrative, the figures
-- read live) until issued; issuing freezes its files (DOCX, PDF, XLSX by
-- SHA-256) under a number. A later version of the same report states why.
CREATE TABLE reports (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    period     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    state      TEXT NOT NULL DEFAULT 'draft',
    number     TEXT NOT NULL DEFAULT '',
    narrative  TEXT NOT NULL DEFAULT '{}',
    reason     TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    issued_by  INTEGER REFERENCES users (id),
    issued_at  DATETIME,
    docx_sha   TEXT REFERENCES files (sha256),
    pdf_sha    TEXT REFERENCES files (sha256),
    xlsx_sha   TEXT REFERENCES files (sha256),
    UNIQUE (kind, period, version)
);
CREATE UNIQUE INDEX reports_number ON reports (number) WHERE number <> '';

-- +goose Down
DROP TABLE reports;
