-- +goose Up
CREATE TABLE plans (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    number       TEXT NOT NULL,
    place_date   TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    signer       TEXT NOT NULL,
    from_year    INTEGER NOT NULL,
    to_year      INTEGER NOT NULL,
    front_matter TEXT NOT NULL, -- preamble, closing, recipients, notes as JSON
    imported_at  DATETIME NOT NULL
);

CREATE TABLE plan_nodes (
    code        TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    parent_code TEXT REFERENCES plan_nodes (code),
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    is_task     BOOLEAN NOT NULL,
    ord         INTEGER NOT NULL,
    depth       INTEGER NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    search_key  TEXT NOT NULL
);
CREATE INDEX plan_nodes_ord ON plan_nodes (plan_id, ord);

CREATE TABLE plan_targets (
    code      TEXT PRIMARY KEY,
    plan_id   TEXT NOT NULL REFERENCES plans (id),
    node_code TEXT NOT NULL REFERENCES plan_nodes (code),
    phase     TEXT NOT NULL,
    name      TEXT NOT NULL,
    body      TEXT NOT NULL,
    value     REAL,
    unit      TEXT NOT NULL,
    direction TEXT NOT NULL,
    measure   TEXT NOT NULL,
    ord       INTEGER NOT NULL,
    retired   BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    node_code    TEXT NOT NULL UNIQUE REFERENCES plan_nodes (code),
    lead_unit_id INTEGER NOT NULL REFERENCES units (id),
    product      TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    recurrence   TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    assigned_by  INTEGER NOT NULL REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX assignments_lead ON assignments (lead_unit_id);

CREATE TABLE assignment_units (
    assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (assignment_id, unit_id)
);
CREATE INDEX assignment_units_unit ON assignment_units (unit_id);

CREATE TABLE task_instances (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    period        TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    UNIQUE (assignment_id, period)
);
CREATE INDEX task_instances_due ON task_instances (due_date);

CREATE TABLE progress_notes (
    id          INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL REFERENCES task_instances (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX progress_notes_instance ON progress_notes (instance_id);

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    instance_id    INTEGER NOT NULL REFERENCES task_instances (id),
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    kind           TEXT NOT NULL,
    file_sha256    TEXT REFERENCES files (sha256),
    file_name      TEXT NOT NULL DEFAULT '',
    doc_number     TEXT NOT NULL DEFAULT '',
    doc_date       TEXT,
    doc_issuer     TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,
    review_comment TEXT NOT NULL DEFAULT '',
    reviewed_by    INTEGER REFERENCES users (id),
    reviewed_at    DATETIME,
    submitted_by   INTEGER NOT NULL REFERENCES users (id),
    submitted_at   DATETIME NOT NULL,
    submitted_on   TEXT NOT NULL -- civil date in Vietnam, for status derivation
);
CREATE INDEX evidence_instance ON evidence (instance_id);
CREATE INDEX evidence_state ON evidence (state);

-- +goose Down
DROP TABLE evidence;
DROP TABLE progress_notes;
DROP TABLE task_instances;
DROP TABLE assignment_units;
DROP TABLE assignments;
DROP TABLE plan_targets;
DROP TABLE plan_nodes;
DROP TABLE plans;
