-- v6: what the early warnings said each time the person was shown them. Append-only: a later
-- back-fill changes what is recomputed, never what was seen, so TTA and TTR survive it.
CREATE TABLE warning_observation (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL,
    codes TEXT NOT NULL,
    observed_at TEXT NOT NULL
);
CREATE INDEX ix_warning_observation_week ON warning_observation (week);
CREATE TRIGGER warning_observation_no_update BEFORE UPDATE ON warning_observation
BEGIN SELECT RAISE(ABORT, 'warning_observation is append-only'); END;
CREATE TRIGGER warning_observation_no_delete BEFORE DELETE ON warning_observation
BEGIN SELECT RAISE(ABORT, 'warning_observation is append-only'); END;
