-- v4: acknowledgements of early warnings, the clock TTA stops and TTR starts on.
CREATE TABLE warning_ack (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    week TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_warning_ack_code ON warning_ack (code);
