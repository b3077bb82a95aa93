-- +goose Up
-- Official holiday schedules entered by the admin; a year here overrides the
-- embedded calendar/schedules file and the computed default.
CREATE TABLE calendar_schedules (
    year       INTEGER PRIMARY KEY,
    document   TEXT NOT NULL, -- calendar.Schedule as JSON
    updated_by BIGINT REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE calendar_schedules;
