-- +goose Up
-- Indicators: each dossier's contributions to the sums (indicator.Facts,
-- encoded), the unit its numbers belong to, and, while its processing is
-- open, the instant it becomes late; with the papers it supplied of a type
-- the data store keeps and how many of those it uploaded again.
ALTER TABLE dossiers ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN owner_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN open_late_at DATETIME;
ALTER TABLE dossiers ADD COLUMN typed_docs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN docs_again INTEGER NOT NULL DEFAULT 0;
CREATE INDEX dossiers_open_late_at ON dossiers (open_late_at) WHERE open_late_at IS NOT NULL;
CREATE INDEX dossiers_owner_received ON dossiers (owner_unit, received_at);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_finished ON dossiers (finished_at);

-- The sums of the facts per metric, civil month, unit and procedure; the
-- dashboards read only these.
CREATE TABLE stats (
    metric    TEXT NOT NULL,
    month     TEXT NOT NULL,
    unit      TEXT NOT NULL,
    procedure TEXT NOT NULL,
    k         TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (metric, month, unit, procedure, k)
);
CREATE INDEX stats_month ON stats (month);

-- The applicant's rating of a dossier (one each; a new one replaces it).
CREATE TABLE dossier_ratings (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers (id),
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 3),
    comment    TEXT NOT NULL DEFAULT '',
    rated_by   INTEGER REFERENCES users (id),
    rated_at   DATETIME NOT NULL
);
CREATE INDEX dossier_ratings_at ON dossier_ratings (rated_at);

-- Values entered by hand for the measures cchc cannot compute, with their
-- evidence; the history is kept, the latest applies.
CREATE TABLE indicator_entries (
    id          INTEGER PRIMARY KEY,
    measure     TEXT NOT NULL,
    period      TEXT NOT NULL,
    value       REAL,
    status      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT REFERENCES files (sha256),
    entered_by  INTEGER NOT NULL REFERENCES users (id),
    entered_at  DATETIME NOT NULL
);
CREATE INDEX indicator_entries_measure ON indicator_entries (measure, period);

-- Closed periods: the values frozen at closing. A reopening keeps the row
-- (reopened_at set) and a new closing adds another.
CREATE TABLE period_snapshots (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,
    data        TEXT NOT NULL,
    closed_by   INTEGER NOT NULL REFERENCES users (id),
    closed_at   DATETIME NOT NULL,
    reopened_by INTEGER REFERENCES users (id),
    reopened_at DATETIME,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX period_snapshots_open ON period_snapshots (period) WHERE reopened_at IS NULL;

-- +goose Down
DROP TABLE period_snapshots;
DROP TABLE indicator_entries;
DROP TABLE dossier_ratings;
DROP TABLE stats;
DROP INDEX dossiers_finished;
DROP INDEX dossiers_received;
DROP INDEX dossiers_owner_received;
DROP INDEX dossiers_open_late_at;
ALTER TABLE dossiers DROP COLUMN docs_again;
ALTER TABLE dossiers DROP COLUMN typed_docs;
ALTER TABLE dossiers DROP COLUMN open_late_at;
ALTER TABLE dossiers DROP COLUMN owner_unit;
ALTER TABLE dossiers DROP COLUMN facts;
