-- perf-mirror schema v1: profile history, the IOOI framework, and activity entries.
CREATE TABLE role (
    name TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    min_level INTEGER NOT NULL,
    max_level INTEGER NOT NULL
);
CREATE TABLE profile (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,
    level INTEGER NOT NULL,
    from_week TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE category (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    dimension TEXT NOT NULL,
    points REAL NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    synonyms TEXT NOT NULL DEFAULT '[]',
    archived BOOLEAN NOT NULL DEFAULT 0
);
CREATE TABLE category_template (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,
    level INTEGER NOT NULL,
    category_id INTEGER NOT NULL REFERENCES category (id),
    expected_weekly REAL NOT NULL,
    UNIQUE (role, level, category_id)
);
CREATE TABLE role_weight (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,
    level INTEGER,
    input REAL NOT NULL,
    output REAL NOT NULL,
    outcome REAL NOT NULL,
    impact REAL NOT NULL
);
CREATE TABLE target (
    id INTEGER PRIMARY KEY,
    role TEXT,
    level INTEGER,
    outstanding REAL NOT NULL,
    strong REAL NOT NULL,
    meeting REAL NOT NULL,
    partially REAL NOT NULL,
    period_weeks INTEGER NOT NULL
);
CREATE TABLE level_expectation (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL,
    level INTEGER NOT NULL,
    text TEXT NOT NULL,
    evidence_category_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE activity_entry (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id),
    week TEXT NOT NULL,
    count INTEGER NOT NULL,
    override_score REAL,
    reference TEXT,
    note TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    created_at TEXT NOT NULL
);
CREATE INDEX ix_activity_entry_week ON activity_entry (week);
