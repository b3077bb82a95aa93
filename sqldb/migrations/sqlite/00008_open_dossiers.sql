-- +goose Up
-- Open dossiers, indexed by due time: the worklists and the lateness that
-- changes with time alone read these small indexes, never the whole table.
CREATE INDEX dossiers_open_due ON dossiers (due, late)
    WHERE state IN ('received', 'processing', 'supplement_requested', 'approved', 'result_issued');
CREATE INDEX dossiers_open_unit ON dossiers (unit_id, due)
    WHERE state IN ('received', 'processing', 'supplement_requested', 'approved', 'result_issued');

-- +goose Down
DROP INDEX dossiers_open_unit;
DROP INDEX dossiers_open_due;
