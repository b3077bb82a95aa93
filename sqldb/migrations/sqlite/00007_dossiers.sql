-- +goose Up
-- Dossiers of the one-stop service. The machine column holds the state the
-- dossier package works on (dossier.Dossier as JSON); the columns beside it
-- are what worklists, lookups and statistics filter and sort on.
CREATE TABLE dossiers (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    procedure_code  TEXT NOT NULL REFERENCES procedures (code),
    state           TEXT NOT NULL,
    channel         TEXT NOT NULL,
    applicant_id    INTEGER REFERENCES users (id),
    applicant_name  TEXT NOT NULL,
    applicant_email TEXT NOT NULL DEFAULT '',
    form            TEXT NOT NULL,
    machine         TEXT NOT NULL,
    unit_id         INTEGER REFERENCES units (id),
    assignee_id     INTEGER REFERENCES users (id),
    submitted_at    DATETIME NOT NULL,
    received_at     DATETIME,
    original_due    DATETIME,
    due             DATETIME,
    finished_at     DATETIME,
    returned_at     DATETIME,
    late            BOOLEAN NOT NULL DEFAULT FALSE,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    idempotency_key TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX dossiers_idempotency ON dossiers (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX dossiers_state_due ON dossiers (state, due);
CREATE INDEX dossiers_unit ON dossiers (unit_id, state, due);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, state);
CREATE INDEX dossiers_applicant ON dossiers (applicant_id, submitted_at);
CREATE INDEX dossiers_procedure ON dossiers (procedure_code, submitted_at);

CREATE TABLE dossier_events (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),
    at          DATETIME NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    actor_name  TEXT NOT NULL,
    role        TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    transition  TEXT NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id);

CREATE TABLE dossier_files (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),
    doc_key     TEXT NOT NULL,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES files (sha256),
    source      TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at DATETIME NOT NULL
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);

-- The day's sequence of each receiving agency (the XXXX of the code).
CREATE TABLE dossier_sequences (
    agency TEXT NOT NULL,
    day    TEXT NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (agency, day)
);

-- +goose Down
DROP TABLE dossier_sequences;
DROP TABLE dossier_files;
DROP TABLE dossier_events;
DROP TABLE dossiers;
