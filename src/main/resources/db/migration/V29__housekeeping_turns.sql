-- Whose turn it is to run each piece of background work, so that the processes of a cluster run it once per
-- interval between them: a process takes the turn with one conditional UPDATE of the row.
CREATE TABLE housekeeping_turn (
    name VARCHAR(64) PRIMARY KEY,
    last_run TIMESTAMP WITH TIME ZONE NOT NULL,
    run_by VARCHAR(100) NOT NULL
);
INSERT INTO housekeeping_turn (name, last_run, run_by) VALUES ('sweep', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', '');
