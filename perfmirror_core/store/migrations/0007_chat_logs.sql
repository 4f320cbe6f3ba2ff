-- v7: chat logs a query can answer. Each model call keeps its model, tokens, latency and
-- outcome; each tool call its arguments as sent, its result, whether it worked and how long it
-- took. Both point at the session and at the person's message that started the turn, so "which
-- tool calls failed last month" is one SELECT rather than a search through flattened text.
-- Earlier sessions keep their flattened "tool" messages as they were written.
CREATE TABLE model_call (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES chat_session (id),
    message_id INTEGER REFERENCES chat_message (id),
    model TEXT NOT NULL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    latency_ms REAL NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_model_call_session ON model_call (session_id);
CREATE TABLE tool_call (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES chat_session (id),
    model_call_id INTEGER REFERENCES model_call (id),
    message_id INTEGER REFERENCES chat_message (id),
    name TEXT NOT NULL,
    arguments TEXT NOT NULL,
    result TEXT NOT NULL,
    ok INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_tool_call_session ON tool_call (session_id);
CREATE INDEX ix_tool_call_created ON tool_call (created_at);
