-- +goose Up
-- The index of open dossiers by due time, as a column both engines index
-- the same way: open_due is the due time while the dossier is open and
-- NULL once it has ended (or before it is received). Partial indexes on the
-- state list were not chosen by SQLite's planner for the late queue.
DROP INDEX dossiers_open_unit;
DROP INDEX dossiers_open_due;
ALTER TABLE dossiers ADD COLUMN open_due DATETIME;
UPDATE dossiers SET open_due = due
    WHERE state IN ('received', 'processing', 'supplement_requested', 'approved', 'result_issued');
CREATE INDEX dossiers_open_due ON dossiers (open_due, id);
CREATE INDEX dossiers_open_late ON dossiers (late, open_due);
CREATE INDEX dossiers_open_unit ON dossiers (unit_id, open_due, id);

-- +goose Down
DROP INDEX dossiers_open_unit;
DROP INDEX dossiers_open_late;
DROP INDEX dossiers_open_due;
ALTER TABLE dossiers DROP COLUMN open_due;
CREATE INDEX dossiers_open_due ON dossiers (due, late)
    WHERE state IN ('received', 'processing', 'supplement_requested', 'approved', 'result_issued');
CREATE INDEX dossiers_open_unit ON dossiers (unit_id, due)
    WHERE state IN ('received', 'processing', 'supplement_requested', 'approved', 'result_issued');
