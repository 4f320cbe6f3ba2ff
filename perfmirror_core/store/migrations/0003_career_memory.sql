-- v3: career memory. Records are the source of truth; memory_pending journals records whose
-- vector-index entry must still be written or removed, so a crash in between is repaired.
CREATE TABLE career_record (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    when_text TEXT,
    org TEXT,
    title TEXT,
    role TEXT,
    level INTEGER,
    start_text TEXT,
    end_text TEXT,
    job_id INTEGER REFERENCES career_record (id),
    tags TEXT NOT NULL DEFAULT '[]',
    noticed TEXT,
    resolved TEXT,
    resolution TEXT,
    private BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ix_career_record_kind ON career_record (kind);
CREATE TABLE memory_pending (
    record_id INTEGER PRIMARY KEY
);
