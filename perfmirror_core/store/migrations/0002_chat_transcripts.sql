-- v2: chat transcripts, so nothing typed is lost, and entries remember the message they came from.
CREATE TABLE chat_session (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT ''
);
CREATE TABLE chat_message (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES chat_session (id),
    role TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
ALTER TABLE activity_entry ADD COLUMN message_id INTEGER REFERENCES chat_message (id);
