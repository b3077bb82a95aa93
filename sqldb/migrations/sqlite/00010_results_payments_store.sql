-- +goose Up
-- A citizen's or business's data store (kho dữ liệu): papers they uploaded,
-- papers the counter scanned for them, and results the Sở issued to them.
CREATE TABLE store_documents (
    id           INTEGER PRIMARY KEY,
    owner_id     INTEGER NOT NULL REFERENCES users (id),
    doc_type     TEXT NOT NULL,
    title        TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES files (sha256),
    source       TEXT NOT NULL,
    valid_until  TEXT,
    dossier_id   INTEGER REFERENCES dossiers (id),
    created_at   DATETIME NOT NULL
);
CREATE UNIQUE INDEX store_documents_unique ON store_documents (owner_id, doc_type, sha256);

-- Each reuse of a stored document in a later dossier: the plan's reuse
-- indicator counts these rows.
CREATE TABLE data_reuse (
    id                INTEGER PRIMARY KEY,
    dossier_id        INTEGER NOT NULL REFERENCES dossiers (id),
    doc_key           TEXT NOT NULL,
    store_document_id INTEGER REFERENCES store_documents (id) ON DELETE SET NULL,
    doc_type          TEXT NOT NULL,
    source            TEXT NOT NULL,
    at                DATETIME NOT NULL,
    UNIQUE (dossier_id, doc_key)
);

-- Electronic results: the signed PDF by hash, and its standing.
CREATE TABLE results (
    code          TEXT PRIMARY KEY,
    dossier_id    INTEGER NOT NULL REFERENCES dossiers (id),
    sha256        TEXT NOT NULL REFERENCES files (sha256),
    holder        TEXT NOT NULL,
    title         TEXT NOT NULL,
    issued_at     DATETIME NOT NULL,
    state         TEXT NOT NULL,
    revoked_at    DATETIME,
    revoke_reason TEXT NOT NULL DEFAULT '',
    replaced_by   TEXT
);
CREATE INDEX results_dossier ON results (dossier_id);
CREATE INDEX results_sha ON results (sha256);

-- Fee payments: one row per attempt; the reference is the gateway's TxnRef.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    dossier_id     INTEGER NOT NULL REFERENCES dossiers (id),
    ref            TEXT NOT NULL UNIQUE,
    provider       TEXT NOT NULL,
    method         TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    state          TEXT NOT NULL,
    response_code  TEXT NOT NULL DEFAULT '',
    transaction_no TEXT NOT NULL DEFAULT '',
    bank_code      TEXT NOT NULL DEFAULT '',
    created_by     INTEGER REFERENCES users (id),
    created_at     DATETIME NOT NULL,
    paid_at        DATETIME,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX payments_dossier ON payments (dossier_id);
CREATE INDEX payments_created ON payments (created_at);

-- Every callback received, valid or not, for reconciliation and forensics.
CREATE TABLE payment_callbacks (
    id          INTEGER PRIMARY KEY,
    provider    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    at          DATETIME NOT NULL,
    outcome     TEXT NOT NULL,
    rsp_code    TEXT NOT NULL,
    amount      INTEGER,
    params      TEXT NOT NULL
);
CREATE INDEX payment_callbacks_at ON payment_callbacks (at);
CREATE INDEX payment_callbacks_ref ON payment_callbacks (ref);

-- +goose Down
DROP TABLE payment_callbacks;
DROP TABLE payments;
DROP TABLE results;
DROP TABLE data_reuse;
DROP TABLE store_documents;
